"""Safetensors files in pure Python (no numpy, no safetensors package): the
one reader and writer of Kiln's test and benchmark scripts.

A tensor is (dtype, shape, raw little-endian bytes), dtype as the format
spells it ("F32", "BF16", "I64", ...). With PyTorch at hand, read_torch /
write_torch convert to and from torch tensors.

As a program: kiln_safetensors.py OUT IN... merges the inputs' tensors into
OUT (later files win).
"""
import json
import struct

__all__ = ["read", "write", "merge", "read_torch", "write_torch"]


def read(path):
    """{name: (dtype, shape, raw bytes)} of the file's tensors."""
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = (info["dtype"], list(info["shape"]), body[a:b])
    return out


def write(path, tensors, metadata=None):
    """Writes {name: (dtype, shape, raw bytes)} in the given order."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = dict(metadata)
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(bytes(raw))
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def merge(out, *inputs):
    """Writes every tensor of `inputs` (later files win) into `out`."""
    tensors = {}
    for path in inputs:
        tensors.update(read(path))
    write(out, tensors)


def _torch_dtypes():
    import torch
    return {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16,
            "I64": torch.int64, "I32": torch.int32, "I8": torch.int8,
            "U8": torch.uint8, "BOOL": torch.bool}


def read_torch(path, device="cpu"):
    """{name: torch tensor} of the file's tensors, on `device`."""
    import torch
    dtypes = _torch_dtypes()
    out = {}
    for name, (dtype, shape, raw) in read(path).items():
        t = (torch.frombuffer(bytearray(raw), dtype=dtypes[dtype]) if raw
             else torch.empty(0, dtype=dtypes[dtype]))
        out[name] = t.reshape(shape).to(device)
    return out


def write_torch(path, tensors):
    """Writes {name: torch tensor} (copied to the CPU)."""
    import torch
    names = {v: k for k, v in _torch_dtypes().items()}
    entries = {}
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        raw = t.view(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        entries[name] = (names[t.dtype], list(t.shape), raw)
    write(path, entries)


if __name__ == "__main__":
    import sys
    merge(sys.argv[1], *sys.argv[2:])
