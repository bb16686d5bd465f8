"""Stand-in for buildozer's module extension, which bazel_tools always declares.

Only `bazel mod tidy` runs buildozer; the real extension downloads a binary, this one makes an
empty repository so that `bazel mod graph` and friends evaluate offline.
"""

def _empty_repo_impl(rctx):
    rctx.file("BUILD.bazel", "")

_empty_repo = repository_rule(implementation = _empty_repo_impl)

def _buildozer_binary_impl(_mctx):
    _empty_repo(name = "buildozer_binary")

buildozer_binary = module_extension(implementation = _buildozer_binary_impl)
