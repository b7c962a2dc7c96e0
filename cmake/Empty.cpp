// The translation unit the precompiled header of compiler-side sources is built with.
