# kiln_link_mlir(target lib...): links `target` against the named MLIR libraries, either through the
# single libMLIR.so (KILN_LINK_MLIR_DYLIB=ON: fast links, small binaries) or statically. Every
# Kiln target that needs MLIR goes through here so a binary never mixes the two; here it also
# takes the compiler's precompiled header (below).
function(kiln_link_mlir target)
  if(KILN_LINK_MLIR_DYLIB)
    target_link_libraries(${target} PUBLIC MLIR)
  else()
    target_link_libraries(${target} PUBLIC ${ARGN})
  endif()
  if(KILN_PRECOMPILE_HEADERS AND TARGET KilnCompilerPch AND NOT target STREQUAL KilnCompilerPch)
    target_precompile_headers(${target} REUSE_FROM KilnCompilerPch)
  endif()
endfunction()

# The MLIR, LLVM and kiln-dialect headers nearly every compiler-side translation unit includes,
# parsed once: parsing them is about two thirds of a typical translation unit's build time. Made
# after the dialect's TableGen outputs exist (kiln_compiler_pch() in dialects/kiln).
option(KILN_PRECOMPILE_HEADERS "Precompile the headers compiler-side sources share" ON)
function(kiln_compiler_pch)
  if(NOT KILN_PRECOMPILE_HEADERS)
    return()
  endif()
  add_library(KilnCompilerPch OBJECT ${PROJECT_SOURCE_DIR}/cmake/Empty.cpp)
  llvm_update_compile_flags(KilnCompilerPch)
  target_include_directories(KilnCompilerPch PRIVATE
    ${PROJECT_SOURCE_DIR}/dialects/kiln/include ${PROJECT_BINARY_DIR}/dialects/kiln/include)
  add_dependencies(KilnCompilerPch MLIRKilnOpsIncGen)
  target_precompile_headers(KilnCompilerPch PRIVATE
    <llvm/ADT/DenseMap.h> <llvm/ADT/STLExtras.h> <llvm/ADT/TypeSwitch.h>
    <llvm/Support/raw_ostream.h> <llvm/Support/FormatVariadic.h>
    <mlir/IR/Builders.h> <mlir/IR/BuiltinOps.h> <mlir/IR/MLIRContext.h>
    <mlir/IR/PatternMatch.h> <mlir/Dialect/Func/IR/FuncOps.h> <mlir/Pass/Pass.h>
    "${PROJECT_SOURCE_DIR}/dialects/kiln/include/kiln/Dialect/Kiln/KilnOps.h")
endfunction()
