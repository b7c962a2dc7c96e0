# kiln_link_mlir(target lib...): links `target` against the named MLIR libraries, either through the
# single libMLIR.so (KILN_LINK_MLIR_DYLIB=ON: fast links, small binaries) or statically. Every
# Kiln target that needs MLIR goes through here so a binary never mixes the two.
function(kiln_link_mlir target)
  if(KILN_LINK_MLIR_DYLIB)
    target_link_libraries(${target} PUBLIC MLIR)
  else()
    target_link_libraries(${target} PUBLIC ${ARGN})
  endif()
endfunction()
