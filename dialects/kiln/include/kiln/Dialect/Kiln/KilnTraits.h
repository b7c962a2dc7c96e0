//===- KilnTraits.h - op traits of the kiln dialect -----------------------===//
//
// Traits that passes query instead of listing ops, and the adaptor-building
// helper behind result type inference (see Kiln_InferTypes in KilnBase.td).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_KILNTRAITS_H
#define KILN_DIALECT_KILN_KILNTRAITS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OperationSupport.h"

#include <type_traits>

namespace mlir {
namespace OpTrait {
namespace kiln {

/// Elementwise op whose operands broadcast against each other (same rank,
/// each dimension equal or 1). The pointwise kernel family fuses these.
template <typename ConcreteType>
class ElementwiseBroadcastable
    : public TraitBase<ConcreteType, ElementwiseBroadcastable> {};

/// Marks the ops that can root a kernel; the static methods of
/// KernelRootOpInterface come with it (Kiln_KernelRoot in KilnInterfaces.td).
template <typename ConcreteType>
class KernelRoot : public TraitBase<ConcreteType, KernelRoot> {};

/// Marks ops whose result types come from `inferTypes(loc, adaptor, types)`.
template <typename ConcreteType>
class InferTypesFromAdaptor
    : public TraitBase<ConcreteType, InferTypesFromAdaptor> {};

} // namespace kiln
} // namespace OpTrait

namespace kiln {

/// Checks that every operand is a statically shaped ranked tensor, the one
/// thing shape rules assume before the op's own constraints are verified.
LogicalResult verifyStaticTensorOperands(std::optional<Location> loc,
                                         StringRef opName, ValueRange operands);

namespace detail {
template <typename T, typename = void>
struct HasProperties : std::false_type {};
template <typename T>
struct HasProperties<T, std::void_t<typename T::Properties>> : std::true_type {
};
} // namespace detail

/// Builds `OpT`'s adaptor from either its properties (a built op) or its
/// attribute dictionary (the custom parser, before properties exist), fills
/// in default attribute values, checks the attributes and the operand types,
/// then calls `OpT::inferTypes`. Never dereferences a missing attribute.
template <typename OpT>
LogicalResult inferWithAdaptor(MLIRContext *context,
                               std::optional<Location> location,
                               ValueRange operands, DictionaryAttr attributes,
                               OpaqueProperties properties,
                               RegionRange regions,
                               SmallVectorImpl<Type> &inferredReturnTypes) {
  Location loc = location ? *location : UnknownLoc::get(context);
  if (failed(verifyStaticTensorOperands(location, OpT::getOperationName(),
                                        operands)))
    return failure();
  if constexpr (detail::HasProperties<OpT>::value) {
    typename OpT::Properties props;
    if (properties) {
      props = *properties.as<typename OpT::Properties *>();
    } else if (attributes) {
      auto emitErr = [&]() { return emitError(loc); };
      if (failed(OpT::setPropertiesFromAttr(props, attributes, emitErr)))
        return failure();
    }
    OpT::populateDefaultProperties(
        OperationName(OpT::getOperationName(), context), props);
    typename OpT::Adaptor adaptor(operands, attributes, props, regions);
    if (failed(adaptor.verify(loc)))
      return failure();
    return OpT::inferTypes(location, adaptor, inferredReturnTypes);
  } else {
    typename OpT::Adaptor adaptor(operands, attributes, properties, regions);
    return OpT::inferTypes(location, adaptor, inferredReturnTypes);
  }
}

} // namespace kiln
} // namespace mlir

#endif // KILN_DIALECT_KILN_KILNTRAITS_H
