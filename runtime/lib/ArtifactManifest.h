//===- ArtifactManifest.h - the manifest's JSON form ----------------------===//

#ifndef KILN_RUNTIME_LIB_ARTIFACTMANIFEST_H
#define KILN_RUNTIME_LIB_ARTIFACTMANIFEST_H

#include "kiln/Runtime/Artifact.h"

namespace kiln::rt {

/// Parses the manifest JSON, checking every field's presence and type; an
/// error names the field by its path ("entries[0].launches[2].grid").
Expected<Manifest> manifestFromJson(const std::string &text);

/// The manifest as JSON text.
std::string manifestToJson(const Manifest &manifest);

} // namespace kiln::rt

#endif // KILN_RUNTIME_LIB_ARTIFACTMANIFEST_H
