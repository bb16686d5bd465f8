"""Golden tests of the rle binary: the files in data/ and a few generated inputs."""

import os
import subprocess
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def find_binary():
    """$RLE_BIN if set, else the rle built at the top of the repository."""
    env = os.environ.get("RLE_BIN")
    if env:
        return env
    built = HERE.parent / "rle"
    if built.exists():
        return str(built)
    raise RuntimeError("no rle binary: run `make` first, or set RLE_BIN")


RLE = None


def setUpModule():
    global RLE
    RLE = find_binary()


def rle(*args, data=b""):
    return subprocess.run([RLE, *args], input=data, capture_output=True, timeout=10)


class GoldenFiles(unittest.TestCase):
    def cases(self):
        found = sorted(DATA.glob("*.txt"))
        self.assertGreater(len(found), 0, "no golden files in tests/data")
        return [(p.stem, p.read_bytes(), p.with_suffix(".rle").read_bytes()) for p in found]

    def test_encode(self):
        for name, plain, encoded in self.cases():
            with self.subTest(name):
                result = rle(data=plain)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, encoded)

    def test_decode(self):
        for name, plain, encoded in self.cases():
            with self.subTest(name):
                result = rle("-d", data=encoded)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, plain)

    def test_file_argument(self):
        path = DATA / "plain.txt"
        self.assertEqual(rle(str(path)).stdout, path.with_suffix(".rle").read_bytes())


class Generated(unittest.TestCase):
    def test_long_runs_are_split_at_nine(self):
        self.assertEqual(rle(data=b"z" * 25).stdout, b"9z9z7z")

    def test_binary_roundtrip(self):
        data = bytes(range(256)) + b"\x00" * 40 + b"\xff\xfe" * 3
        encoded = rle(data=data).stdout
        self.assertEqual(len(encoded), 2 * (256 + 5 + 6))
        self.assertEqual(rle("-d", data=encoded).stdout, data)


class Errors(unittest.TestCase):
    def test_bad_count(self):
        result = rle("-d", data=b"2a0b")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, b"aa")
        self.assertIn(b"bad run length at byte 2", result.stderr)

    def test_truncated(self):
        result = rle("-d", data=b"3x4")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"input ends inside a run at byte 2", result.stderr)

    def test_usage(self):
        self.assertEqual(rle("-q").returncode, 2)
        self.assertEqual(rle("a", "b").returncode, 2)
        self.assertIn(b"usage: rle", rle("-h").stdout)

    def test_missing_file(self):
        result = rle(str(DATA / "absent.txt"))
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"absent.txt", result.stderr)


if __name__ == "__main__":
    unittest.main()
