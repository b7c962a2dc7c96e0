# Writes OUT: a C++ array kFiles of {name, text} (to be included inside a
# namespace that declares EmbeddedFile) for each file in FILES (a
# ;-separated list), so the runtime carries the emulation header and the
# device library with it. Invoked as a script by add_custom_command.
set(content "// Generated from ${FILES}; do not edit.\n")
string(APPEND content "const EmbeddedFile kFiles[] = {\n")
foreach(file ${FILES})
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" text)
  string(APPEND content "  {\"${name}\", R\"KILN_EMBEDDED(${text})KILN_EMBEDDED\"},\n")
endforeach()
# A sentinel keeps the array valid when no file matched.
string(APPEND content "  {nullptr, nullptr}};\n")
string(APPEND content "const unsigned kFileCount = sizeof(kFiles) / sizeof(kFiles[0]) - 1;\n")
file(WRITE "${OUT}.tmp" "${content}")
file(RENAME "${OUT}.tmp" "${OUT}")
