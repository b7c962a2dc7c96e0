// Every op of ops.md round-trips through the custom syntax, and through the
// generic syntax (printed generic, parsed back, printed custom). The function
// signatures pin each inferred result type: `return` must match them.
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Attribute names and kinds of ops.md appear as properties in generic form.
// GENERIC: "kiln.gelu"(%{{.*}}) <{approximate = "tanh"}>
// GENERIC: "kiln.softplus"(%{{.*}}) <{beta = 1.000000e+00 : f32, threshold = 2.000000e+01 : f32}>
// GENERIC: "kiln.reduce_sum"(%{{.*}}) <{axes = array<i64: -1>, keepdim = false}>
// GENERIC: "kiln.softmax"(%{{.*}}) <{axis = -1 : i64}> : (tensor<4x37xf32>) -> tensor<4x37xf32>
// GENERIC: "kiln.attention"(%{{.*}}, %{{.*}}, %{{.*}}) <{causal = true, s2_group = 0 : i64, scale = 1.250000e-01 : f32, window = 8 : i64}>
// GENERIC: "kiln.quantize"(%{{.*}}) <{axis = 1 : i64, bits = 8 : i64, block_size = 64 : i64, scheme = "absmax"}>

// CHECK-LABEL: func.func @sources(
// CHECK: kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: kiln.constant dense<0.000000e+00> : tensor<4x8xbf16>
// CHECK-NEXT: kiln.param "fc1.weight" : tensor<400x784xbf16>
// CHECK-NEXT: kiln.iota {dim = 0 : i64} : tensor<128xi32>
// CHECK-NEXT: kiln.iota {dim = -1 : i64} : tensor<4x16xf32>
// CHECK-NEXT: kiln.random_normal {seed = 42 : i64} : tensor<1x20xf32>
// CHECK-NEXT: kiln.random_normal {mean = 1.000000e+00 : f32, seed = 7 : i64, std = 5.000000e-01 : f32} : tensor<2x4xbf16>
func.func @sources() -> (tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>, tensor<4x16xf32>, tensor<1x20xf32>, tensor<2x4xbf16>, tensor<400x784xbf16>) {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %z = kiln.constant dense<0.0> : tensor<4x8xbf16>
  %w = kiln.param "fc1.weight" : tensor<400x784xbf16>
  %i = kiln.iota {dim = 0 : i64} : tensor<128xi32>
  %j = kiln.iota {dim = -1 : i64} : tensor<4x16xf32>
  %r = kiln.random_normal {seed = 42 : i64} : tensor<1x20xf32>
  %n = kiln.random_normal {seed = 7 : i64, mean = 1.0 : f32, std = 0.5 : f32} : tensor<2x4xbf16>
  return %c, %z, %i, %j, %r, %n, %w : tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>, tensor<4x16xf32>, tensor<1x20xf32>, tensor<2x4xbf16>, tensor<400x784xbf16>
}

// CHECK-LABEL: func.func @unary(
// CHECK: kiln.neg %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.abs %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.exp %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.log %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.log1p %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.sqrt %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.rsqrt %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.reciprocal %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.tanh %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.sigmoid %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.silu %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.relu %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.erf %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.sin %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.cos %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.floor %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.gelu %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.gelu %{{[[:alnum:]_#]+}} {approximate = "tanh"} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.softplus %{{[[:alnum:]_#]+}} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.softplus %{{[[:alnum:]_#]+}} {beta = 2.000000e+00 : f32, threshold = 1.000000e+01 : f32} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.clamp %{{[[:alnum:]_#]+}} {max = 2.000000e+01 : f32, min = -3.000000e+01 : f32} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.clamp %{{[[:alnum:]_#]+}} {min = 0.000000e+00 : f32} : tensor<2x8xbf16>
// CHECK-NEXT: kiln.clamp %{{[[:alnum:]_#]+}} {max = 6.000000e+00 : f32} : tensor<2x8xbf16>
func.func @unary(%x: tensor<2x8xbf16>) -> tensor<2x8xbf16> {
  %0 = kiln.neg %x : tensor<2x8xbf16>
  %1 = kiln.abs %0 : tensor<2x8xbf16>
  %2 = kiln.exp %1 : tensor<2x8xbf16>
  %3 = kiln.log %2 : tensor<2x8xbf16>
  %4 = kiln.log1p %3 : tensor<2x8xbf16>
  %5 = kiln.sqrt %4 : tensor<2x8xbf16>
  %6 = kiln.rsqrt %5 : tensor<2x8xbf16>
  %7 = kiln.reciprocal %6 : tensor<2x8xbf16>
  %8 = kiln.tanh %7 : tensor<2x8xbf16>
  %9 = kiln.sigmoid %8 : tensor<2x8xbf16>
  %10 = kiln.silu %9 : tensor<2x8xbf16>
  %11 = kiln.relu %10 : tensor<2x8xbf16>
  %12 = kiln.erf %11 : tensor<2x8xbf16>
  %13 = kiln.sin %12 : tensor<2x8xbf16>
  %14 = kiln.cos %13 : tensor<2x8xbf16>
  %15 = kiln.floor %14 : tensor<2x8xbf16>
  %16 = kiln.gelu %15 : tensor<2x8xbf16>
  %17 = kiln.gelu %16 {approximate = "tanh"} : tensor<2x8xbf16>
  %18 = kiln.softplus %17 : tensor<2x8xbf16>
  %19 = kiln.softplus %18 {beta = 2.0 : f32, threshold = 10.0 : f32} : tensor<2x8xbf16>
  %20 = kiln.clamp %19 {min = -30.0 : f32, max = 20.0 : f32} : tensor<2x8xbf16>
  %21 = kiln.clamp %20 {min = 0.0 : f32} : tensor<2x8xbf16>
  %22 = kiln.clamp %21 {max = 6.0 : f32} : tensor<2x8xbf16>
  return %22 : tensor<2x8xbf16>
}

// CHECK-LABEL: func.func @binary(
// CHECK: kiln.add %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.sub %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.mul %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<4x8xf32>
// CHECK-NEXT: kiln.div %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.max %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.min %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.pow %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.add %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x1xi32>, tensor<1x8xi32>
// CHECK-NEXT: kiln.compare %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {predicate = "lt"} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.select %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xi1>, tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.cast %{{[[:alnum:]_#]+}} : tensor<4x8xf32> to tensor<4x8xbf16>
// CHECK-NEXT: kiln.compare %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {predicate = "ge"} : tensor<4x1xi32>, tensor<1x8xi32>
func.func @binary(%a: tensor<4x8xf32>, %b: tensor<1x8xf32>, %i: tensor<4x1xi32>, %j: tensor<1x8xi32>) -> (tensor<4x8xf32>, tensor<4x8xi32>, tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xbf16>, tensor<4x8xi1>) {
  %0 = kiln.add %a, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %1 = kiln.sub %0, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %2 = kiln.mul %1, %a : tensor<4x8xf32>, tensor<4x8xf32>
  %3 = kiln.div %2, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %4 = kiln.max %3, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %5 = kiln.min %4, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %6 = kiln.pow %5, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %7 = kiln.add %i, %j : tensor<4x1xi32>, tensor<1x8xi32>
  %8 = kiln.compare %6, %b {predicate = "lt"} : tensor<4x8xf32>, tensor<1x8xf32>
  %9 = kiln.select %8, %6, %b : tensor<4x8xi1>, tensor<4x8xf32>, tensor<1x8xf32>
  %10 = kiln.cast %9 : tensor<4x8xf32> to tensor<4x8xbf16>
  %11 = kiln.compare %i, %j {predicate = "ge"} : tensor<4x1xi32>, tensor<1x8xi32>
  return %9, %7, %8, %6, %10, %11 : tensor<4x8xf32>, tensor<4x8xi32>, tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xbf16>, tensor<4x8xi1>
}

// CHECK-LABEL: func.func @movement(
// CHECK: kiln.reshape %{{[[:alnum:]_#]+}} : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK-NEXT: kiln.transpose %{{[[:alnum:]_#]+}} {perm = array<i64: 2, 1, 0>} : tensor<2x3x4xf32>
// CHECK-NEXT: kiln.slice %{{[[:alnum:]_#]+}} {limit = array<i64: 2, 1, 4>, start = array<i64: 0, 0, 0>, stride = array<i64: 1, 1, 1>} : tensor<2x3x4xf32>
// CHECK-NEXT: kiln.broadcast_to %{{[[:alnum:]_#]+}} : tensor<2x1x4xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: kiln.concat %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {axis = 1 : i64} : tensor<2x3x4xf32>, tensor<2x3x4xf32>
// CHECK-NEXT: kiln.slice %{{[[:alnum:]_#]+}} {limit = array<i64: 2, 3, 4>, start = array<i64: 0, 1, -4>, stride = array<i64: 1, 1, 2>} : tensor<2x3x4xf32>
// CHECK-NEXT: kiln.pad %{{[[:alnum:]_#]+}} {high = array<i64: 0, 1, 1>, low = array<i64: 0, 1, 1>, mode = "reflect"} : tensor<2x3x4xf32>
// CHECK-NEXT: kiln.pad %{{[[:alnum:]_#]+}} {high = array<i64: 0, 1, 2>, low = array<i64: 0, 1, 0>, value = -1.000000e+00 : f32} : tensor<2x3x4xf32>
// CHECK-NEXT: kiln.gather %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<100x32xbf16>, tensor<2x5xi64>
// CHECK-NEXT: kiln.pixel_shuffle %{{[[:alnum:]_#]+}} {factor = 2 : i64} : tensor<1x16x8x8xf32>
// CHECK-NEXT: kiln.pixel_unshuffle %{{[[:alnum:]_#]+}} {factor = 2 : i64} : tensor<1x16x8x8xf32>
// CHECK-NEXT: kiln.resize %{{[[:alnum:]_#]+}} {mode = "nearest"} : tensor<1x16x8x8xf32> -> tensor<1x16x16x16xf32>
// CHECK-NEXT: kiln.resize %{{[[:alnum:]_#]+}} {antialias = true, mode = "bicubic"} : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
// CHECK-NEXT: kiln.resize %{{[[:alnum:]_#]+}} {align_corners = true, mode = "bilinear"} : tensor<1x16x8x8xf32> -> tensor<1x16x10x10xf32>
// CHECK-NEXT: kiln.pad %{{[[:alnum:]_#]+}} {high = array<i64: 0, 0, 1>, low = array<i64: 0, 0, 1>, mode = "replicate"} : tensor<2x3x4xf32>
func.func @movement(%x: tensor<2x3x4xf32>, %img: tensor<1x16x8x8xf32>, %table: tensor<100x32xbf16>, %ids: tensor<2x5xi64>) -> (tensor<6x4xf32>, tensor<4x3x2xf32>, tensor<2x3x4xf32>, tensor<2x6x4xf32>, tensor<2x2x2xf32>, tensor<2x5x6xf32>, tensor<2x5x32xbf16>, tensor<1x4x16x16xf32>, tensor<1x64x4x4xf32>, tensor<1x16x16x16xf32>, tensor<1x16x4x4xf32>, tensor<1x16x10x10xf32>) {
  %0 = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = kiln.transpose %x {perm = array<i64: 2, 1, 0>} : tensor<2x3x4xf32>
  %b = kiln.slice %x {start = array<i64: 0, 0, 0>, limit = array<i64: 2, 1, 4>, stride = array<i64: 1, 1, 1>} : tensor<2x3x4xf32>
  %2 = kiln.broadcast_to %b : tensor<2x1x4xf32> -> tensor<2x3x4xf32>
  %3 = kiln.concat %x, %x {axis = 1 : i64} : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %4 = kiln.slice %x {start = array<i64: 0, 1, -4>, limit = array<i64: 2, 3, 4>, stride = array<i64: 1, 1, 2>} : tensor<2x3x4xf32>
  %5 = kiln.pad %x {low = array<i64: 0, 1, 1>, high = array<i64: 0, 1, 1>, mode = "reflect"} : tensor<2x3x4xf32>
  %6 = kiln.pad %x {low = array<i64: 0, 1, 0>, high = array<i64: 0, 1, 2>, value = -1.0 : f32} : tensor<2x3x4xf32>
  %7 = kiln.gather %table, %ids : tensor<100x32xbf16>, tensor<2x5xi64>
  %8 = kiln.pixel_shuffle %img {factor = 2 : i64} : tensor<1x16x8x8xf32>
  %9 = kiln.pixel_unshuffle %img {factor = 2 : i64} : tensor<1x16x8x8xf32>
  %10 = kiln.resize %img {mode = "nearest"} : tensor<1x16x8x8xf32> -> tensor<1x16x16x16xf32>
  %11 = kiln.resize %img {mode = "bicubic", antialias = true} : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
  %12 = kiln.resize %img {mode = "bilinear", align_corners = true} : tensor<1x16x8x8xf32> -> tensor<1x16x10x10xf32>
  %13 = kiln.pad %x {low = array<i64: 0, 0, 1>, high = array<i64: 0, 0, 1>, mode = "replicate"} : tensor<2x3x4xf32>
  return %0, %1, %2, %3, %4, %5, %7, %8, %9, %10, %11, %12 : tensor<6x4xf32>, tensor<4x3x2xf32>, tensor<2x3x4xf32>, tensor<2x6x4xf32>, tensor<2x2x2xf32>, tensor<2x5x6xf32>, tensor<2x5x32xbf16>, tensor<1x4x16x16xf32>, tensor<1x64x4x4xf32>, tensor<1x16x16x16xf32>, tensor<1x16x4x4xf32>, tensor<1x16x10x10xf32>
}

// CHECK-LABEL: func.func @reductions(
// CHECK: kiln.reduce_sum %{{[[:alnum:]_#]+}} {axes = array<i64: -1>} : tensor<4x37xf32>
// CHECK-NEXT: kiln.reduce_mean %{{[[:alnum:]_#]+}} {axes = array<i64: 1>, keepdim = true} : tensor<4x37xf32>
// CHECK-NEXT: kiln.reduce_max %{{[[:alnum:]_#]+}} {axes = array<i64: 0>} : tensor<4x37xf32>
// CHECK-NEXT: kiln.reduce_min %{{[[:alnum:]_#]+}} {axes = array<i64: 0, 1>, keepdim = true} : tensor<4x37xi32>
// CHECK-NEXT: kiln.argmax %{{[[:alnum:]_#]+}} {axis = -1 : i64} : tensor<4x37xf32>
// CHECK-NEXT: kiln.cumsum %{{[[:alnum:]_#]+}} {axis = 1 : i64} : tensor<4x37xf32>
// CHECK-NEXT: kiln.topk %{{[[:alnum:]_#]+}} {k = 8 : i64} : tensor<4x37xf32>
// CHECK-NEXT: kiln.softmax %{{[[:alnum:]_#]+}} : tensor<4x37xf32>
// CHECK-NEXT: kiln.log_softmax %{{[[:alnum:]_#]+}} {axis = 0 : i64} : tensor<4x37xf32>
func.func @reductions(%x: tensor<4x37xf32>, %i: tensor<4x37xi32>) -> (tensor<4xf32>, tensor<4x1xf32>, tensor<37xf32>, tensor<1x1xi32>, tensor<4xi64>, tensor<4x37xf32>, tensor<4x8xf32>, tensor<4x8xi64>, tensor<4x37xf32>, tensor<4x37xf32>) {
  %0 = kiln.reduce_sum %x {axes = array<i64: -1>} : tensor<4x37xf32>
  %1 = kiln.reduce_mean %x {axes = array<i64: 1>, keepdim = true} : tensor<4x37xf32>
  %2 = kiln.reduce_max %x {axes = array<i64: 0>} : tensor<4x37xf32>
  %3 = kiln.reduce_min %i {axes = array<i64: 0, 1>, keepdim = true} : tensor<4x37xi32>
  %4 = kiln.argmax %x {axis = -1 : i64} : tensor<4x37xf32>
  %5 = kiln.cumsum %x {axis = 1 : i64} : tensor<4x37xf32>
  %v, %idx = kiln.topk %x {k = 8 : i64} : tensor<4x37xf32>
  %6 = kiln.softmax %x : tensor<4x37xf32>
  %7 = kiln.log_softmax %x {axis = 0 : i64} : tensor<4x37xf32>
  return %0, %1, %2, %3, %4, %5, %v, %idx, %6, %7 : tensor<4xf32>, tensor<4x1xf32>, tensor<37xf32>, tensor<1x1xi32>, tensor<4xi64>, tensor<4x37xf32>, tensor<4x8xf32>, tensor<4x8xi64>, tensor<4x37xf32>, tensor<4x37xf32>
}

// CHECK-LABEL: func.func @norms(
// CHECK: kiln.layer_norm %{{[[:alnum:]_#]+}} : tensor<1x64x8x8xbf16>
// CHECK-NEXT: kiln.layer_norm %{{[[:alnum:]_#]+}} {axes = array<i64: 1>, eps = 9.99999997E-7 : f32} : tensor<1x64x8x8xbf16>
// CHECK-NEXT: kiln.group_norm %{{[[:alnum:]_#]+}} {eps = 9.99999997E-7 : f32, num_groups = 32 : i64} : tensor<1x64x8x8xbf16>
// CHECK-NEXT: kiln.rms_norm %{{[[:alnum:]_#]+}} {eps = 9.99999974E-6 : f32} : tensor<1x16x512xf32>
// CHECK-NEXT: kiln.rms_norm %{{[[:alnum:]_#]+}} {group_size = 64 : i64} : tensor<1x16x512xf32>
func.func @norms(%x: tensor<1x64x8x8xbf16>, %h: tensor<1x16x512xf32>) -> (tensor<1x64x8x8xbf16>, tensor<1x64x8x8xbf16>, tensor<1x64x8x8xbf16>, tensor<1x16x512xf32>, tensor<1x16x512xf32>) {
  %0 = kiln.layer_norm %x : tensor<1x64x8x8xbf16>
  %1 = kiln.layer_norm %x {axes = array<i64: 1>, eps = 1.0e-06 : f32} : tensor<1x64x8x8xbf16>
  %2 = kiln.group_norm %x {num_groups = 32 : i64, eps = 1.0e-06 : f32} : tensor<1x64x8x8xbf16>
  %3 = kiln.rms_norm %h {eps = 1.0e-05 : f32} : tensor<1x16x512xf32>
  %4 = kiln.rms_norm %h {group_size = 64 : i64} : tensor<1x16x512xf32>
  return %0, %1, %2, %3, %4 : tensor<1x64x8x8xbf16>, tensor<1x64x8x8xbf16>, tensor<1x64x8x8xbf16>, tensor<1x16x512xf32>, tensor<1x16x512xf32>
}

// CHECK-LABEL: func.func @linalg(
// CHECK: kiln.matmul %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {transpose_b = true} : tensor<16x784xf32>, tensor<400x784xf32>
// CHECK-NEXT: kiln.matmul %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<2x8x64x32xbf16>, tensor<8x32x64xbf16>
// CHECK-NEXT: kiln.conv2d %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
// CHECK-NEXT: kiln.conv2d %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {padding = array<i64: 0, 1, 0, 1>, stride = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
// CHECK-NEXT: kiln.conv_transpose2d %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {groups = 2 : i64, stride = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
// CHECK-NEXT: kiln.conv1d %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {groups = 32 : i64, padding = array<i64: 3, 0>} : tensor<1x32x64xf32>, tensor<32x1x4xf32>
// CHECK-NEXT: kiln.conv2d %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {dilation = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
func.func @linalg(%x: tensor<16x784xf32>, %w: tensor<400x784xf32>, %q: tensor<2x8x64x32xbf16>, %k: tensor<8x32x64xbf16>, %img: tensor<1x8x16x16xf32>, %cw: tensor<16x8x3x3xf32>, %tw: tensor<8x4x2x2xf32>, %seq: tensor<1x32x64xf32>, %dw: tensor<32x1x4xf32>) -> (tensor<16x400xf32>, tensor<2x8x64x64xbf16>, tensor<1x16x16x16xf32>, tensor<1x16x8x8xf32>, tensor<1x8x32x32xf32>, tensor<1x32x64xf32>, tensor<1x16x8x8xf32>) {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<16x784xf32>, tensor<400x784xf32>
  %1 = kiln.matmul %q, %k : tensor<2x8x64x32xbf16>, tensor<8x32x64xbf16>
  %2 = kiln.conv2d %img, %cw {padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
  %3 = kiln.conv2d %img, %cw {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
  %4 = kiln.conv_transpose2d %img, %tw {stride = array<i64: 2, 2>, groups = 2 : i64} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  %5 = kiln.conv1d %seq, %dw {groups = 32 : i64, padding = array<i64: 3, 0>} : tensor<1x32x64xf32>, tensor<32x1x4xf32>
  %6 = kiln.conv2d %img, %cw {stride = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>, dilation = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<16x400xf32>, tensor<2x8x64x64xbf16>, tensor<1x16x16x16xf32>, tensor<1x16x8x8xf32>, tensor<1x8x32x32xf32>, tensor<1x32x64xf32>, tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @attention(
// CHECK: kiln.attention %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {causal = true, scale = 1.250000e-01 : f32, window = 8 : i64} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
// CHECK-NEXT: kiln.attention %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {scale = 1.250000e-01 : f32} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>, tensor<1x1x16x32xi1>
// CHECK-NEXT: kiln.attention %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {scale = 1.250000e-01 : f32} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>, tensor<1x8x1x32xf32>
// CHECK-NEXT: kiln.attention %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {causal = true, s2_group = 4 : i64, scale = 1.250000e-01 : f32} : tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>
// CHECK-NEXT: kiln.rope %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<1x8x16x64xf32>, tensor<16xi64>
// CHECK-NEXT: kiln.rope %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {attention_factor = 1.500000e+00 : f32, factor = 1.600000e+01 : f32, interleaved = true, original_max_positions = 4096 : i64, rotary_dim = 32 : i64, scaling = "yarn", theta = 5.000000e+05 : f32, truncate = false} : tensor<1x8x16x64xf32>, tensor<1x16xi32>
func.func @attention(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>, %v: tensor<1x2x32x32xf32>, %mask: tensor<1x1x16x32xi1>, %bias: tensor<1x8x1x32xf32>, %pos: tensor<16xi64>, %bpos: tensor<1x16xi32>) -> (tensor<1x8x16x32xf32>, tensor<1x8x16x32xf32>, tensor<1x8x16x32xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>) {
  %0 = kiln.attention %q, %k, %v {scale = 0.125 : f32, causal = true, window = 8 : i64} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
  %1 = kiln.attention %q, %k, %v, %mask {scale = 0.125 : f32} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>, tensor<1x1x16x32xi1>
  %2 = kiln.attention %q, %k, %v, %bias {scale = 0.125 : f32} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>, tensor<1x8x1x32xf32>
  %3 = kiln.attention %q, %q, %q {scale = 0.125 : f32, causal = true, s2_group = 4 : i64} : tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>
  %4 = kiln.rope %q, %pos : tensor<1x8x16x64xf32>, tensor<16xi64>
  %5 = kiln.rope %q, %bpos {theta = 5.0e+05 : f32, rotary_dim = 32 : i64, interleaved = true, scaling = "yarn", factor = 16.0 : f32, original_max_positions = 4096 : i64, beta_fast = 32.0 : f32, beta_slow = 1.0 : f32, attention_factor = 1.5 : f32, truncate = false} : tensor<1x8x16x64xf32>, tensor<1x16xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x8x16x32xf32>, tensor<1x8x16x32xf32>, tensor<1x8x16x32xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>
}

// CHECK-LABEL: func.func @cache(
// CHECK: kiln.kv_cache_write %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<1x2x64x32xbf16>, tensor<1x2x4x32xbf16>, tensor<1x2xi32>
// CHECK-NEXT: kiln.decode_attention %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {scale = 0.176776692 : f32} : tensor<1x8x4x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2xi32>
// CHECK-NEXT: kiln.kv_cache_compact %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<1x2x64x32xbf16>, tensor<1x2x64xi1>
// CHECK-NEXT: kiln.attention_mass %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {scale = 0.176776692 : f32} : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>, tensor<5x1x2x64xi1>
// CHECK-NEXT: kiln.attention_colsum %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {causal = false, scale = 0.176776692 : f32} : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>
func.func @cache(%cache: tensor<1x2x64x32xbf16>, %new: tensor<1x2x4x32xbf16>, %pos: tensor<1x2xi32>, %q: tensor<1x8x4x32xbf16>, %keep: tensor<1x2x64xi1>, %qf: tensor<1x8x64x32xf32>, %kf: tensor<1x2x64x32xf32>, %policies: tensor<5x1x2x64xi1>) -> (tensor<1x2x64x32xbf16>, tensor<1x8x4x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2xi32>, tensor<5x1x8xf32>, tensor<1x8x64xf32>) {
  %0 = kiln.kv_cache_write %cache, %new, %pos : tensor<1x2x64x32xbf16>, tensor<1x2x4x32xbf16>, tensor<1x2xi32>
  %1 = kiln.decode_attention %q, %0, %0, %pos {scale = 0.176776692 : f32} : tensor<1x8x4x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2xi32>
  %2:2 = kiln.kv_cache_compact %0, %keep : tensor<1x2x64x32xbf16>, tensor<1x2x64xi1>
  %3 = kiln.attention_mass %qf, %kf, %policies {scale = 0.176776692 : f32} : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>, tensor<5x1x2x64xi1>
  %4 = kiln.attention_colsum %qf, %kf {scale = 0.176776692 : f32, causal = false} : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>
  return %0, %1, %2#0, %2#1, %3, %4 : tensor<1x2x64x32xbf16>, tensor<1x8x4x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2xi32>, tensor<5x1x8xf32>, tensor<1x8x64xf32>
}

// CHECK-LABEL: func.func @scan_quant(
// CHECK: kiln.selective_scan %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<64x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>, tensor<1x64x16xf32>
// CHECK-NEXT: kiln.quantize %{{[[:alnum:]_#]+}} {axis = 1 : i64, bits = 8 : i64, block_size = 64 : i64} : tensor<256x512xf32>
// CHECK-NEXT: kiln.dequantize %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {axis = 1 : i64, block_size = 64 : i64} : tensor<256x512xi8>, tensor<256x8xf32> -> tensor<256x512xbf16>
// CHECK-NEXT: kiln.qmatmul %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {bits = 8 : i64, block_size = 64 : i64} : tensor<1x16x512xbf16>, tensor<256x512xi8>, tensor<256x8xf32>
// CHECK-NEXT: kiln.quantize %{{[[:alnum:]_#]+}} {axis = 0 : i64, bits = 4 : i64, block_size = 4 : i64, scheme = "deepspeed"} : tensor<256x512xf32>
func.func @scan_quant(%u: tensor<1x64x16xbf16>, %dt: tensor<1x64x16xf32>, %A: tensor<64x16xf32>, %B: tensor<1x2x16x16xf32>, %C: tensor<1x2x16x16xf32>, %h0: tensor<1x64x16xf32>, %w: tensor<256x512xf32>, %x: tensor<1x16x512xbf16>) -> (tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<256x512xbf16>, tensor<1x16x256xbf16>, tensor<256x512xi8>, tensor<64x512xf32>) {
  %y, %h = kiln.selective_scan %u, %dt, %A, %B, %C, %h0 : tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<64x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>, tensor<1x64x16xf32>
  %q, %s = kiln.quantize %w {bits = 8 : i64, block_size = 64 : i64, axis = 1 : i64} : tensor<256x512xf32>
  %d = kiln.dequantize %q, %s {block_size = 64 : i64, axis = 1 : i64} : tensor<256x512xi8>, tensor<256x8xf32> -> tensor<256x512xbf16>
  %m = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<1x16x512xbf16>, tensor<256x512xi8>, tensor<256x8xf32>
  %q4, %s4 = kiln.quantize %w {bits = 4 : i64, block_size = 4 : i64, axis = 0 : i64, scheme = "deepspeed"} : tensor<256x512xf32>
  return %y, %h, %d, %m, %q4, %s4 : tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<256x512xbf16>, tensor<1x16x256xbf16>, tensor<256x512xi8>, tensor<64x512xf32>
}

// CHECK-LABEL: func.func @qmatmul_kn(
// CHECK: kiln.qmatmul %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {bits = 4 : i64, block_size = 128 : i64, transpose_b = false} : tensor<4x512xf32>, tensor<512x128xi8>, tensor<4x128xf32>
func.func @qmatmul_kn(%x: tensor<4x512xf32>, %q: tensor<512x128xi8>, %s: tensor<4x128xf32>) -> tensor<4x128xf32> {
  %0 = kiln.qmatmul %x, %q, %s {bits = 4 : i64, block_size = 128 : i64, transpose_b = false} : tensor<4x512xf32>, tensor<512x128xi8>, tensor<4x128xf32>
  return %0 : tensor<4x128xf32>
}

// The family is an enum attribute and kiln.root marks the kernel's root op;
// both may be left out (kiln-form-fusions sets them).
// CHECK-LABEL: func.func @fusion(
// CHECK: kiln.fusion(%{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<4x8xf32>, %{{.*}}: tensor<1x8xf32>):
// CHECK-NEXT: kiln.add %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} : tensor<4x8xf32>, tensor<1x8xf32>
// CHECK-NEXT: kiln.silu %{{[[:alnum:]_#]+}} {kiln.root} : tensor<4x8xf32>
// CHECK-NEXT: kiln.yield %{{[[:alnum:]_#]+}} : tensor<4x8xf32>
// CHECK: kiln.fusion(%{{[[:alnum:]_#]+}} : tensor<4x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>} {
// CHECK: kiln.fusion(%{{[[:alnum:]_#]+}} : tensor<4x8xf32>) -> tensor<4x8xf32> {
// GENERIC-LABEL: "func.func"() <{function_type = (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>, sym_name = "fusion"}>
// GENERIC: "kiln.fusion"(%{{.*}}, %{{.*}}) <{family = #kiln.family<pointwise>}>
func.func @fusion(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.fusion(%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
    %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
    %t = kiln.silu %s {kiln.root} : tensor<4x8xf32>
    kiln.yield %t : tensor<4x8xf32>
  }
  %1 = kiln.fusion(%0 : tensor<4x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>} {
  ^bb0(%a0: tensor<4x8xf32>):
    %e = kiln.exp %a0 : tensor<4x8xf32>
    %m = kiln.softmax %e : tensor<4x8xf32>
    kiln.yield %m : tensor<4x8xf32>
  }
  %2 = kiln.fusion(%1 : tensor<4x8xf32>) -> tensor<4x8xf32> {
  ^bb0(%a0: tensor<4x8xf32>):
    %e = kiln.exp %a0 : tensor<4x8xf32>
    kiln.yield %e : tensor<4x8xf32>
  }
  return %2 : tensor<4x8xf32>
}

// The acceptance example: generic form with properties and kiln.name
// argument attributes, printed back in custom form.
// CHECK-LABEL: func.func @main(
// CHECK-SAME: {kiln.name = "x"}
// CHECK-SAME: {kiln.name = "kv_out", kiln.tied = 1 : i64}
// CHECK: kiln.softmax %{{[[:alnum:]_#]+}} : tensor<4x37xf32>
func.func @main(%x: tensor<4x37xf32> {kiln.name = "x"}, %state: tensor<1x2x64x32xbf16> {kiln.name = "kv"}) -> (tensor<4x37xf32> {kiln.name = "y"}, tensor<1x2x64x32xbf16> {kiln.name = "kv_out", kiln.tied = 1 : i64}) {
  %0 = "kiln.softmax"(%x) <{axis = -1 : i64}> : (tensor<4x37xf32>) -> tensor<4x37xf32>
  return %0, %state : tensor<4x37xf32>, tensor<1x2x64x32xbf16>
}

// kiln.conv2d_channels_last (made by kiln-channels-last, not written by
// frontends) round-trips like conv2d; its result is NCHW.
// CHECK-LABEL: func.func @conv2d_channels_last(
// CHECK: kiln.conv2d_channels_last %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x16xbf16>, tensor<32x3x3x16xbf16>
// CHECK-NEXT: kiln.conv2d_channels_last %{{[[:alnum:]_#]+}}, %{{[[:alnum:]_#]+}} {dilation = array<i64: 2, 2>, groups = 2 : i64, stride = array<i64: 2, 2>} : tensor<1x8x8x16xbf16>, tensor<32x3x3x8xbf16>
func.func @conv2d_channels_last(%x: tensor<1x8x8x16xbf16>, %w: tensor<32x3x3x16xbf16>, %gw: tensor<32x3x3x8xbf16>) -> (tensor<1x32x8x8xbf16>, tensor<1x32x2x2xbf16>) {
  %0 = kiln.conv2d_channels_last %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x16xbf16>, tensor<32x3x3x16xbf16>
  %1 = kiln.conv2d_channels_last %x, %gw {groups = 2 : i64, stride = array<i64: 2, 2>, dilation = array<i64: 2, 2>} : tensor<1x8x8x16xbf16>, tensor<32x3x3x8xbf16>
  return %0, %1 : tensor<1x32x8x8xbf16>, tensor<1x32x2x2xbf16>
}
