// Verifier and shape-rule diagnostics of the kiln dialect (ops.md, "Verifier
// diagnostics"). Every rule has one failing case that matches a distinctive
// part of its message; every op group has passing controls that must produce
// no diagnostic. Ops with inferred result types report shape errors while the
// custom parser runs, at the op's location.

//===----------------------------------------------------------------------===//
// Sources: constant, param, iota, random_normal
//===----------------------------------------------------------------------===//

func.func @sources_ok() -> (tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>,
                            tensor<4x16xf32>, tensor<2x4xbf16>) {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %w = kiln.param "fc1.weight" : tensor<4x8xbf16>
  %i = kiln.iota {dim = 0 : i64} : tensor<128xi32>
  %j = kiln.iota {dim = -1 : i64} : tensor<4x16xf32>
  %n = kiln.random_normal {seed = 7 : i64, mean = 1.0 : f32, std = 0.5 : f32}
      : tensor<2x4xbf16>
  return %c, %w, %i, %j, %n
      : tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>, tensor<4x16xf32>,
        tensor<2x4xbf16>
}
