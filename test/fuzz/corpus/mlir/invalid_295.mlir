//===----------------------------------------------------------------------===//
// Function argument and result attributes: kiln.name, kiln.tied
//===----------------------------------------------------------------------===//

func.func @main(%x: tensor<4xf32> {kiln.name = "x"}, %cache: tensor<8xf32> {kiln.name = "cache"},
                %state: tensor<2xf32>)
    -> (tensor<4xf32> {kiln.name = "y"}, tensor<8xf32> {kiln.name = "cache", kiln.tied = 1 : i64},
        tensor<2xf32> {kiln.tied = 2 : i64}) {
  return %x, %cache, %state : tensor<4xf32>, tensor<8xf32>, tensor<2xf32>
}
