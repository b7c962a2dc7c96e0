// rms_norm_group_size: kiln.rms_norm group_size = 4: each run of 4 elements of the last axis normalized on its own (Mamba-2 gated norm)
// Expected values: PyTorch float64 F.rms_norm over the last axis of x.reshape(..., D/4, 4).
// RUN: kilnc run %s --device reference --inputs %S/rms_norm_group_size.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rms_norm_group_size.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x16xf32> {kiln.name = "x"}) -> (tensor<2x3x16xf32> {kiln.name = "y"}) {
  %y = kiln.rms_norm %x {group_size = 4 : i64} : tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}
