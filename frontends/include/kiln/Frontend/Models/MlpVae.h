//===- MlpVae.h - the MLP variational autoencoder -------------------------===//
//
// Kingma & Welling's VAE as in pytorch/examples vae/main.py: 784 → fc1 400 →
// ReLU → {fc21, fc22} 20 (μ, log σ²); z = μ + exp(½·logvar)·ε; fc3 20 → 400
// → ReLU → fc4 784 → sigmoid. Weights under that module's names (fc1.weight,
// fc1.bias, fc21.*, fc22.*, fc3.*, fc4.*). Entries:
//
//   @forward(x [B, in], eps [B, latent]) → recon, mu, logvar, and the loss
//       terms bce (binary cross-entropy summed, logs clamped at −100 as
//       PyTorch does), kl = −½·Σ(1 + logvar − μ² − exp(logvar)), loss;
//   @encode(x) → mu, logvar;   @decode(z) → images in (0, 1).
//
// ε is an input, so tests inject it and callers draw it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_MLPVAE_H
#define KILN_FRONTEND_MODELS_MLPVAE_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

struct MlpVaeConfig {
  int64_t inputSize = 784;
  int64_t hiddenSize = 400;
  int64_t latentSize = 20;
};

/// Reads config.json (input_size, hidden_size, latent_size; missing keys
/// keep the pytorch/examples sizes).
rt::Expected<MlpVaeConfig> readMlpVaeConfig(const std::string &path);

/// Adds @forward, @encode and @decode for `batch` rows to `b`.
void buildMlpVae(GraphBuilder &b, const MlpVaeConfig &config, int64_t batch);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_MLPVAE_H
