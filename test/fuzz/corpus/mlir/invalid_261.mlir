func.func @quantize_scheme(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op scheme must be one of {absmax, deepspeed}, got "gptq"}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 1 : i64, scheme = "gptq"} : tensor<4x64xf32>
  return
}
