#!/usr/bin/env python3
"""Goldens for Kiln's CLIP text encoder and CLIP tokenizer from Hugging Face
(transformers 5.x), written under test/golden/models/:

  clip_text/          CLIPTextModelWithProjection, tiny random-init (hidden
                      32, 2 layers, 4 heads, vocab 100, 16 positions,
                      quick_gelu, projection 24; float64 math, stored f32):
                      forward_L{L}.in/out.safetensors for prompts of L ∈ {5, 16}
                      tokens, padded ones included (attention_mask 0 past the
                      EOS), outputs last_hidden_state, penultimate_hidden_state,
                      pooler_output, text_embeds;
  clip_text_legacy/   the same model with eos_token_id 2 (HF's pooling at the
                      largest token id) and gelu;
  clip_tokenizer/     vocab.json + merges.txt of a small byte-level BPE trained
                      here on the strings below (CLIP's layout: 256 byte
                      symbols, the same with </w>, merges, the two special
                      tokens), strings.txt, and expected.txt: CLIPTokenizer's
                      ids for each string, padded to 77.

usage: python3 test/golden/models/gen_clip.py   (needs torch, transformers,
safetensors)
"""
import collections
import json
import os

import torch
from safetensors.torch import save_file
from transformers import CLIPTextConfig, CLIPTextModelWithProjection, CLIPTokenizer


def bytes_to_unicode():
    """GPT-2's byte-to-symbol table: printable Latin-1 bytes stand for
    themselves, the other 68 take the code points from 256 up, in order."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    table, extra = {}, 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = dict(vocab_size=100, hidden_size=32, intermediate_size=64, projection_dim=24,
            num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=16,
            hidden_act="quick_gelu", layer_norm_eps=1e-5, eos_token_id=99, bos_token_id=98,
            pad_token_id=0)

STRINGS = [
    "a photo of a cat",
    "A Photo of a CAT!",
    "  leading and trailing   spaces  ",
    "it's what they'll say, isn't it? we'd've",
    "wait?'s that ''ll 'quoted' do",
    "numbers 1234 and 3.14159 stay digit by digit",
    "punctuation!!! ... --- ??? (brackets) [and] {braces}",
    "tabs\tand\nnewlines\r\nbecome spaces",
    "snake_case and kebab-case and CamelCase",
    "email@example.com https://kiln.dev/path?q=1",
    "a lighthouse on a cliff at sunset, oil painting, highly detailed",
    "",
    "x",
    "the quick brown fox jumps over the lazy dog " * 6,
]


def make_model(name, **overrides):
    torch.manual_seed(0)
    kwargs = dict(BASE, **overrides)
    config = CLIPTextConfig(**kwargs)
    config._attn_implementation = "eager"
    model = CLIPTextModelWithProjection(config).to(torch.float64).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    out = os.path.join(HERE, name)
    os.makedirs(out, exist_ok=True)
    save_file({k: v.float().contiguous() for k, v in model.state_dict().items()},
              os.path.join(out, "model.safetensors"))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(kwargs, f, indent=1)
    g = torch.Generator().manual_seed(1)
    eos = config.eos_token_id
    for L in (5, 16):
        ids = torch.randint(1, 90, (3, L), generator=g)
        mask = torch.ones(3, L, dtype=torch.int64)
        ids[:, 0] = 98
        # Row 0 ends exactly at L, rows 1 and 2 stop early and are padded.
        for row, end in enumerate([L - 1, max(1, L // 2), 1]):
            ids[row, end] = eos
            ids[row, end + 1:] = 0 if row == 1 else eos
            mask[row, end + 1:] = 0
        with torch.no_grad():
            o = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        save_file({"input_ids": ids.contiguous(), "attention_mask": mask.contiguous()},
                  os.path.join(out, f"forward_L{L}.in.safetensors"))
        save_file({"last_hidden_state": o.last_hidden_state.float().contiguous(),
                   "penultimate_hidden_state": o.hidden_states[-2].float().contiguous(),
                   "last_layer_hidden_state": o.hidden_states[-1].float().contiguous(),
                   "pooler_output": model.text_model(input_ids=ids, attention_mask=mask)
                   .pooler_output.float().contiguous(),
                   "text_embeds": o.text_embeds.float().contiguous()},
                  os.path.join(out, f"forward_L{L}.out.safetensors"))
        print(f"{name} L={L}: text_embeds {tuple(o.text_embeds.shape)}")


def make_tokenizer():
    """A CLIP-layout byte-level BPE vocabulary trained on STRINGS."""
    out = os.path.join(HERE, "clip_tokenizer")
    os.makedirs(out, exist_ok=True)
    byte_symbols = list(bytes_to_unicode().values())
    vocab = byte_symbols + [s + "</w>" for s in byte_symbols]
    # Words as CLIP's pre-tokenizer makes them (lower-cased, letters / digits /
    # other runs), each a tuple of byte symbols with </w> on the last.
    import regex
    pattern = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""")
    byte_map = bytes_to_unicode()
    words = collections.Counter()
    for s in STRINGS:
        for w in pattern.findall(" ".join(s.split()).lower()):
            symbols = [byte_map[b] for b in w.encode()]
            symbols[-1] += "</w>"
            words[tuple(symbols)] += 1
    merges = []
    for _ in range(150):
        pairs = collections.Counter()
        for w, n in words.items():
            for a, b in zip(w, w[1:]):
                pairs[a, b] += n
        if not pairs:
            break
        (a, b), _ = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        merges.append(f"{a} {b}")
        vocab.append(a + b)
        merged = collections.Counter()
        for w, n in words.items():
            i, new = 0, []
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == (a, b):
                    new.append(a + b)
                    i += 2
                else:
                    new.append(w[i])
                    i += 1
            merged[tuple(new)] += n
        words = merged
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    with open(os.path.join(out, "vocab.json"), "w") as f:
        json.dump({t: i for i, t in enumerate(vocab)}, f, ensure_ascii=False)
    with open(os.path.join(out, "merges.txt"), "w") as f:
        f.write("#version: 0.2\n" + "\n".join(merges) + "\n")
    tok = CLIPTokenizer(vocab=os.path.join(out, "vocab.json"), merges=os.path.join(out, "merges.txt"))
    with open(os.path.join(out, "strings.txt"), "w") as f:
        f.write("\n".join(json.dumps(s) for s in STRINGS) + "\n")
    with open(os.path.join(out, "expected.txt"), "w") as f:
        for s in STRINGS:
            ids = tok(s, padding="max_length", max_length=77, truncation=True)["input_ids"]
            f.write(" ".join(map(str, ids)) + "\n")
    print(f"clip_tokenizer: {len(vocab)} tokens, {len(merges)} merges, {len(STRINGS)} strings")


def main():
    make_model("clip_text")
    make_model("clip_text_legacy", eos_token_id=2, hidden_act="gelu")
    make_tokenizer()


if __name__ == "__main__":
    main()
