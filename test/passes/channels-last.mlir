// kiln-channels-last: bf16 / f16 conv2d whose groups have a multiple of 8
// input channels and at least 16 output channels read both operands
// channels-last (x [N, H, W, C], w [O, kH, kW, C/groups]) and keep their
// attributes and NCHW result; f32 convolutions, groups of 4 channels,
// groups of 8 output channels and depthwise convolutions keep conv2d.
// RUN: kiln-opt %s --kiln-channels-last | FileCheck %s
// RUN: kiln-opt %s --kiln-channels-last | kiln-opt --kiln-channels-last | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK: %[[XT:.*]] = kiln.transpose %arg0 {perm = array<i64: 0, 2, 3, 1>} : tensor<2x16x9x7xbf16>
// CHECK-NEXT: %[[WT:.*]] = kiln.transpose %{{.*}} {perm = array<i64: 0, 2, 3, 1>} : tensor<32x16x3x3xbf16>
// CHECK-NEXT: %[[C:.*]] = kiln.conv2d_channels_last %[[XT]], %[[WT]] {padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 1>} : tensor<2x9x7x16xbf16>, tensor<32x3x3x16xbf16>
// CHECK-NEXT: kiln.add %[[C]], %{{.*}} : tensor<2x32x5x7xbf16>
// CHECK: kiln.transpose %arg1 {perm = array<i64: 0, 2, 3, 1>} : tensor<1x32x6x6xf16>
// CHECK: kiln.conv2d_channels_last %{{.*}}, %{{.*}} {dilation = array<i64: 2, 2>, groups = 2 : i64} : tensor<1x6x6x32xf16>, tensor<32x3x3x16xf16>
// CHECK-NOT: kiln.conv2d_channels_last
// CHECK: kiln.conv2d %arg2, %{{.*}} : tensor<1x16x6x6xf32>, tensor<32x16x3x3xf32>
// CHECK: kiln.conv2d %arg0, %{{.*}} {groups = 4 : i64} : tensor<2x16x9x7xbf16>, tensor<32x4x3x3xbf16>
// CHECK: kiln.conv2d %arg0, %{{.*}} {groups = 2 : i64} : tensor<2x16x9x7xbf16>, tensor<16x8x3x3xbf16>
// CHECK: kiln.conv2d %arg0, %{{.*}} {groups = 16 : i64} : tensor<2x16x9x7xbf16>, tensor<16x1x3x3xbf16>
func.func @main(%x: tensor<2x16x9x7xbf16>, %h: tensor<1x32x6x6xf16>, %f: tensor<1x16x6x6xf32>)
    -> (tensor<2x32x5x7xbf16>, tensor<1x32x2x2xf16>, tensor<1x32x4x4xf32>, tensor<2x32x7x5xbf16>, tensor<2x16x7x5xbf16>, tensor<2x16x7x5xbf16>) {
  %w = kiln.param "w" : tensor<32x16x3x3xbf16>
  %b = kiln.param "b" : tensor<1x32x1x1xbf16>
  %gw = kiln.param "gw" : tensor<32x16x3x3xf16>
  %fw = kiln.param "fw" : tensor<32x16x3x3xf32>
  %nw = kiln.param "nw" : tensor<32x4x3x3xbf16>
  %ow = kiln.param "ow" : tensor<16x8x3x3xbf16>
  %dw = kiln.param "dw" : tensor<16x1x3x3xbf16>
  %0 = kiln.conv2d %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 1, 1, 1>} : tensor<2x16x9x7xbf16>, tensor<32x16x3x3xbf16>
  %1 = kiln.add %0, %b : tensor<2x32x5x7xbf16>, tensor<1x32x1x1xbf16>
  %2 = kiln.conv2d %h, %gw {groups = 2 : i64, dilation = array<i64: 2, 2>} : tensor<1x32x6x6xf16>, tensor<32x16x3x3xf16>
  %3 = kiln.conv2d %f, %fw : tensor<1x16x6x6xf32>, tensor<32x16x3x3xf32>
  %4 = kiln.conv2d %x, %nw {groups = 4 : i64} : tensor<2x16x9x7xbf16>, tensor<32x4x3x3xbf16>
  %5 = kiln.conv2d %x, %ow {groups = 2 : i64} : tensor<2x16x9x7xbf16>, tensor<16x8x3x3xbf16>
  %6 = kiln.conv2d %x, %dw {groups = 16 : i64} : tensor<2x16x9x7xbf16>, tensor<16x1x3x3xbf16>
  return %1, %2, %3, %4, %5, %6 : tensor<2x32x5x7xbf16>, tensor<1x32x2x2xf16>, tensor<1x32x4x4xf32>, tensor<2x32x7x5xbf16>, tensor<2x16x7x5xbf16>, tensor<2x16x7x5xbf16>
}
