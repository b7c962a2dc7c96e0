// GEMM: 4096³ in bf16 (f32 accumulation).
func.func @main(%a: tensor<4096x4096xbf16> {kiln.name = "a"}, %b: tensor<4096x4096xbf16> {kiln.name = "b"}) -> (tensor<4096x4096xbf16> {kiln.name = "c"}) {
  %0 = kiln.matmul %a, %b : tensor<4096x4096xbf16>, tensor<4096x4096xbf16>
  return %0 : tensor<4096x4096xbf16>
}
