"""Minimal safetensors reading and writing in pure Python (no numpy, no
safetensors package): tensors as (dtype, shape, raw bytes)."""
import json
import struct


def read_st(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = (info["dtype"], info["shape"], body[a:b])
    return out


def write_st(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def merge(out, *inputs):
    """Writes every tensor of `inputs` (later files win) into `out`."""
    tensors = {}
    for path in inputs:
        tensors.update(read_st(path))
    write_st(out, tensors)


if __name__ == "__main__":
    import sys
    merge(sys.argv[1], *sys.argv[2:])
