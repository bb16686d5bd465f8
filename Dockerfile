# The shots-on-goal Bazel container. Build it with ./build_image.sh (add --offline on a machine
# without a container registry or GitHub); both paths produce the same interface.
#
# Contract with src/runtime (keep both sides in sync):
#   - /workspace is the working directory; the runtime bind-mounts the attempt's worktree there.
#   - The container runs as the invoking host uid:gid (0 in CI, or any uid without a passwd
#     entry) with HOME=/home/builder and USER=builder: /home/builder, its .cache and .cache/bazel
#     are mode 1777 so Bazel can write there, and the output base (fixed by our rc) is writable
#     by all. USER must be builder: the C toolchain's configuration in the shipped output base
#     recorded it, and Bazel configures again for another. The image also sets HOME/USER so plain
#     `docker run` works.
#   - /var/cache/shots-on-goal/repo (--repository_cache) and /var/cache/shots-on-goal/disk
#     (--disk_cache) are mode 1777: the runtime mounts per-session named volumes there, and a
#     fresh named volume copies the image directory's permissions.
#   - `timeout` (coreutils) is present: commands are wrapped in `timeout --kill-after`.
#   - The default user is the unprivileged `builder` (uid 1000).
#   - uid 0 works too, given --cap-drop ALL: rules_python's hermetic interpreter refuses root only
#     when root can write into a read-only directory (CAP_DAC_OVERRIDE), which the drop removes.

# Normal path: debian:bookworm-slim + Bazelisk. Offline path (build_image.sh --offline):
# BASE_IMAGE=shots-on-goal-base:sid (debootstrap + docker import) and BAZEL_SOURCE=debian.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}

# bazelisk: download Bazelisk for this image's architecture and pre-fetch BAZEL_VERSION.
# debian: Debian's bazel-bootstrap package (sid: 7.7.1) plus the offline module overrides.
ARG BAZEL_SOURCE=bazelisk
# The offline image's version, so what the test suite verifies is what users run.
ARG BAZEL_VERSION=7.7.1
ARG BAZELISK_VERSION=v1.26.0
ARG BAZELISK_SHA256_AMD64=6539c12842ad76966f3d493e8f80d67caa84ec4a000e220d5459833c967c12bc
ARG BAZELISK_SHA256_ARM64=54f85ef4c23393f835252cc882e5fea596e8ef3c4c2056b059f8067cd19f0351
# Set by BuildKit; the legacy builder leaves it empty and dpkg answers instead.
ARG TARGETARCH

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    BAZELISK_HOME=/opt/bazelisk \
    USE_BAZEL_FALLBACK_VERSION=silent:${BAZEL_VERSION}

# python3-pytest: py_test targets of pytest-style tests run it as their runner (pip cannot reach
# its index from these machines, and the system python3 is what py_test runs under).
RUN set -eux; \
    case "$BAZEL_SOURCE" in \
      debian)   extra=bazel-bootstrap; apt_opts='-o Acquire::Check-Valid-Until=false' ;; \
      bazelisk) extra=curl; apt_opts= ;; \
      *) echo "BAZEL_SOURCE must be bazelisk or debian, not '$BAZEL_SOURCE'" >&2; exit 1 ;; \
    esac; \
    apt-get $apt_opts update; \
    apt-get install -y --no-install-recommends \
      ca-certificates coreutils git ripgrep build-essential patch zip unzip \
      python3 python-is-python3 python3-pytest default-jdk-headless $extra; \
    rm -rf /var/lib/apt/lists/*

RUN set -eux; \
    if [ "$BAZEL_SOURCE" = bazelisk ]; then \
      arch="${TARGETARCH:-$(dpkg --print-architecture)}"; \
      case "$arch" in \
        amd64) sha="$BAZELISK_SHA256_AMD64" ;; \
        arm64) sha="$BAZELISK_SHA256_ARM64" ;; \
        *) echo "no Bazelisk build for architecture '$arch' (amd64 and arm64 are supported)" >&2; exit 1 ;; \
      esac; \
      curl -fsSL --retry 3 -o /usr/local/bin/bazel \
        "https://github.com/bazelbuild/bazelisk/releases/download/${BAZELISK_VERSION}/bazelisk-linux-${arch}"; \
      echo "$sha  /usr/local/bin/bazel" | sha256sum -c -; \
      chmod 0755 /usr/local/bin/bazel; \
      # Fetch Bazel now so that containers with --network none still have it; a repository's
      # own .bazelversion wins over the fallback and is downloaded on first use
      mkdir -p "$BAZELISK_HOME"; \
      USE_BAZEL_VERSION="$BAZEL_VERSION" bazel --version; \
      chmod -R a+rwX "$BAZELISK_HOME"; \
    fi; \
    bazel --version

COPY shots-on-goal.bazelrc /etc/shots-on-goal.bazelrc
COPY image/ /usr/share/shots-on-goal/

# Bazel reads one system rc (compiled in: /etc/bazel.bazelrc upstream, Debian's bazel-bootstrap
# uses /etc/bazel/bazelrc and already fills it). Our rc is imported at its end so that our
# flags (e.g. --nosandbox_debug) win over Debian's.
RUN set -eux; \
    if [ "$BAZEL_SOURCE" = debian ]; then \
      rc=/etc/bazel/bazelrc; \
      # Debian's deprecated --host_javabase prints a WARNING per option pass on every command
      sed -i 's|^build --host_javabase=@local_jdk//:jdk$|build --tool_java_runtime_version=local_jdk|' "$rc"; \
      echo 'import /usr/share/shots-on-goal/offline.bazelrc' >> "$rc"; \
    else \
      rc=/etc/bazel.bazelrc; \
    fi; \
    echo 'import /etc/shots-on-goal.bazelrc' >> "$rc"; \
    # COPY keeps the build machine's modes (a umask 077 checkout would hide these from builder)
    chmod -R a+rX /etc/shots-on-goal.bazelrc /usr/share/shots-on-goal; \
    useradd --uid 1000 --create-home --home-dir /home/builder --shell /bin/bash builder; \
    mkdir -p /var/cache/shots-on-goal/repo /var/cache/shots-on-goal/disk /workspace /usr/share/shots-on-goal/jvm; \
    chmod 1777 /home/builder /var/cache/shots-on-goal/repo /var/cache/shots-on-goal/disk /workspace; \
    chown builder /usr/share/shots-on-goal/jvm; \
    # The worktree belongs to the host user, who may not be the container's uid.
    git config --system --add safe.directory '*'

# Every fresh container (and the first command of every warm one) starts Bazel's server cold, and
# on a small machine that JVM's start and its JIT compiler's work cost more than a small build's
# actions: a cold `bazel test` of a one-library C workspace took 8.0 s, 4.8 s with these two flags
# (a 200-file tree: 27.3 s against 22.8 s; a warm server's no-op build is no slower). The
# ahead-of-time cache (JDK 24+) comes from a training run as builder; the JVM checks that it
# matches its own classpath and flags and ignores it otherwise (the Bazelisk image extracts Bazel
# per user, so only builder's server can use it there). C1 alone skips the optimising compiler,
# whose threads compete with the build for the cores. A user's --bazelrc can undo either with a
# later `startup --host_jvm_args=...` line.
ENV HOME=/home/builder \
    USER=builder
USER builder
RUN bash /usr/share/shots-on-goal/train-bazel-server.sh /usr/share/shots-on-goal/jvm/bazel-server.aot
USER root
RUN set -eux; \
    # The output base is for whichever uid the container runs as: Bazel creates its own
    # _bazel_<user> beside it, and writes into the template (ownership is only checked on the
    # server directory, which the training run removed).
    chmod 1777 /home/builder/.cache /home/builder/.cache/bazel; \
    chmod -R a+rwX /home/builder/.cache/bazel/output-base; \
    chown -R root:root /usr/share/shots-on-goal/jvm; \
    chmod -R a+rX,go-w /usr/share/shots-on-goal/jvm; \
    printf '%s\n' \
      '' \
      '# Added by the Dockerfile after the training run that wrote the cache.' \
      'startup --host_jvm_args=-XX:TieredStopAtLevel=1' \
      'startup --host_jvm_args=-XX:AOTCache=/usr/share/shots-on-goal/jvm/bazel-server.aot' \
      >> /etc/shots-on-goal.bazelrc
USER builder
WORKDIR /workspace
CMD ["bash"]
