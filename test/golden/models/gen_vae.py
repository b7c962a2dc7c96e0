#!/usr/bin/env python3
"""Goldens for Kiln's MLP VAE frontend from the VAE of pytorch/examples
(vae/main.py: fc1 784→400, fc21/fc22 400→20, fc3 20→400, fc4 400→784;
loss = BCE(sum) + KL), in PyTorch float64, on small sizes.

Writes into test/golden/models/vae/: config.json, model.safetensors (f32
weights under the module's names), forward.in/out.safetensors (x in [0, 1],
ε injected; recon, mu, logvar, bce, kl, loss), decode.in/out.safetensors.

usage: python3 test/golden/models/gen_vae.py   (needs torch, safetensors)
"""
import json
import os

import torch
import torch.nn.functional as F
from safetensors.torch import save_file
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vae")


class VAE(nn.Module):
    """pytorch/examples' VAE with its sizes as parameters."""

    def __init__(self, n_in, n_hidden, n_latent):
        super().__init__()
        self.n_in = n_in
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.fc21 = nn.Linear(n_hidden, n_latent)
        self.fc22 = nn.Linear(n_hidden, n_latent)
        self.fc3 = nn.Linear(n_latent, n_hidden)
        self.fc4 = nn.Linear(n_hidden, n_in)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar, eps):
        std = torch.exp(0.5 * logvar)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x, eps):
        mu, logvar = self.encode(x.view(-1, self.n_in))
        z = self.reparameterize(mu, logvar, eps)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x.view(-1, recon_x.shape[1]), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce, kld


def main():
    torch.manual_seed(0)
    sizes = {"input_size": 64, "hidden_size": 32, "latent_size": 8}
    model = VAE(sizes["input_size"], sizes["hidden_size"], sizes["latent_size"]).double()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(sizes, f, indent=1)
    save_file({k: v.float().contiguous() for k, v in model.state_dict().items()},
              os.path.join(OUT, "model.safetensors"))
    # The stored f32 weights are what Kiln reads: compute from them exactly.
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.float().double())
    batch = 3
    x = torch.rand(batch, sizes["input_size"]).float()
    eps = torch.randn(batch, sizes["latent_size"]).float()
    with torch.no_grad():
        recon, mu, logvar = model(x.double(), eps.double())
        bce, kl = loss_function(recon, x.double(), mu, logvar)
        z = torch.randn(batch, sizes["latent_size"]).float()
        images = model.decode(z.double())
    f32 = lambda t: t.float().contiguous()
    save_file({"x": x, "eps": eps}, os.path.join(OUT, "forward.in.safetensors"))
    save_file({"recon": f32(recon), "mu": f32(mu), "logvar": f32(logvar),
               "bce": f32(bce.reshape(1)), "kl": f32(kl.reshape(1)),
               "loss": f32((bce + kl).reshape(1))},
              os.path.join(OUT, "forward.out.safetensors"))
    save_file({"z": z}, os.path.join(OUT, "decode.in.safetensors"))
    save_file({"images": f32(images)}, os.path.join(OUT, "decode.out.safetensors"))
    print(f"bce {bce.item():.4f} kl {kl.item():.4f}")


if __name__ == "__main__":
    main()
