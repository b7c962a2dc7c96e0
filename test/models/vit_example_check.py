#!/usr/bin/env python3
"""examples/vit (kiln-vit-embed) against kilnc's golden-tested DINOv2 forward:
a PNG of exactly the model's input size (so resizing is the identity) gives
the embedding that `kilnc run --model dinov2` gives for the same pixels,
normalized with the ImageNet mean and standard deviation; the same image with an alpha channel gives the same embedding (alpha
dropped); a gray PNG of another size is resized; the heat map is a PNG of
the patch grid times --cell.

usage: vit_example_check.py BIN_DIR CONFIG WEIGHTS ARTIFACT SCRATCH HEIGHTxWIDTH
"""
import os
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read as read_st, write as write_st  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import rel_l2, tool_env  # noqa: E402


def png(path, width, height, channels, pixel):
    """An 8-bit PNG (color type 0 gray, 2 RGB, 6 RGBA) of pixel(x, y)."""
    kind = {1: 0, 3: 2, 4: 6}[channels]
    raw = b"".join(b"\0" + bytes(v for x in range(width) for v in pixel(x, y)[:channels])
                   for y in range(height))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, kind, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    bin_dir, config, weights, artifact, scratch, size = sys.argv[1:7]
    height, width = map(int, size.split("x"))
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    pattern = lambda x, y: ((x * 37 + y * 11) % 256, (x * y * 5) % 256, (200 - 7 * y) % 256, 255)
    png(os.path.join(scratch, "rgb.png"), width, height, 3, pattern)
    # The pixels the example should feed: /255, then ImageNet's statistics.
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    values = [(pattern(x, y)[c] / 255 - mean[c]) / std[c]
              for c in range(3) for y in range(height) for x in range(width)]
    write_st(os.path.join(scratch, "pixels.st"),
             {"pixel_values": ("F32", [1, 3, height, width], struct.pack(f"<{len(values)}f", *values))})
    r = subprocess.run([os.path.join(bin_dir, "kilnc"), "run", "--model", "dinov2", "--config", config,
                        "--weights", weights, "--device", "cpu",
                        "--inputs", os.path.join(scratch, "pixels.st"),
                        "--output", os.path.join(scratch, "want.st")],
                       capture_output=True, text=True, env=env)
    if r.returncode:
        raise SystemExit(f"FAIL kilnc:\n{r.stderr}")
    failures = 0
    for name in ("rgb", "gray", "rgba"):
        if name == "gray":  # another size: resized
            png(os.path.join(scratch, "gray.png"), width + 9, height + 3, 1,
                lambda x, y: (x * 9 % 256,))
        if name == "rgba":  # the RGB pattern with alpha, which is dropped
            png(os.path.join(scratch, "rgba.png"), width, height, 4,
                lambda x, y: pattern(x, y)[:3] + (100,))
        r = subprocess.run([os.path.join(bin_dir, "kiln-vit-embed"), artifact,
                            os.path.join(scratch, f"{name}.png"), "--out", scratch, "--cell", "4"],
                           capture_output=True, text=True, env=env)
        if r.returncode:
            raise SystemExit(f"FAIL kiln-vit-embed {name}:\n{r.stderr}")
        print(r.stdout, end="")
        with open(os.path.join(scratch, f"{name}.cls_attention.png"), "rb") as f:
            head = f.read(24)
        w, h = struct.unpack(">II", head[16:24])
        print(f"{name}: heat map {w} x {h}")
    want = read_st(os.path.join(scratch, "want.st"))["pooler_output"]
    b = struct.unpack(f"<{len(want[2]) // 4}f", want[2])
    for name in ("rgb", "rgba"):
        got = read_st(os.path.join(scratch, f"{name}.embedding.safetensors"))["embedding"]
        a = struct.unpack(f"<{len(got[2]) // 4}f", got[2])
        err = rel_l2(a, b)
        ok = err <= 1e-5
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'} the example's {name} embedding equals kilnc's "
              f"pooler_output (relative L2 {err:.1e})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
