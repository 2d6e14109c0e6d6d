# Images of a copper-hooks release: the static Linux binary that the release workflow builds
# (musl, or glibc with crt-static), copied in from bin/ARCH/copper-hooks (ARCH: amd64,
# arm64), not compiled here.
#
#   docker buildx build --platform linux/amd64,linux/arm64 --target scratch -t copper-hooks .
#   docker build --target shell -t copper-hooks:shell .
#   buildah bud --isolation chroot --target scratch -t copper-hooks .   (ci/release-check)
#
# `scratch` holds the binary alone: TLS roots are compiled in (rustls with webpki roots), so
# nothing else is needed. `shell` adds a shell, curl and jq for CI systems whose jobs run a
# script (GitLab CI), as docs/gitlab-ci.yml does.

# The data folder (quota memory, the sandbox, the relay's journal): the image's user's own,
# mode 0700, never a folder under /tmp that another user of a shared runner could prepare or
# plant links in. It comes from the build context's image-data/copper-hooks, which the
# release workflow and ci/release-check make with `install -d -m 0700` (git keeps no folder
# modes), so the scratch and relay images need no base image to build. A job may still point
# COPPER_HOOKS_DATA_DIR elsewhere (a cached folder).

FROM scratch AS scratch
ARG TARGETARCH
COPY bin/${TARGETARCH}/copper-hooks /usr/local/bin/copper-hooks
COPY --chown=65534:65534 image-data/ /var/lib/
ENV COPPER_HOOKS_DATA_DIR=/var/lib/copper-hooks
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/copper-hooks"]

# The relay: `listen` in front of your app, on 8787 for a TLS-terminating proxy or tunnel,
# its journal on the volume (keep the volume: it holds what is not forwarded yet). Set
# COPPER_HOOKS_FORWARD_TO (your app), COPPER_HOOKS_LISTEN_SECRET (the pairs Copper echoes)
# and COPPER_HOOKS_SIGN_SECRET (whsec_..., for Standard Webhooks signatures) in the
# environment; the orchestrator's health check is GET /_copper-hooks/health.
#
#   docker run -v relay:/var/lib/copper-hooks -p 8787:8787 \
#     -e COPPER_HOOKS_FORWARD_TO=http://app:3000/hooks -e COPPER_HOOKS_LISTEN_SECRET=token=... \
#     copper-hooks:relay
FROM scratch AS relay
ARG TARGETARCH
COPY bin/${TARGETARCH}/copper-hooks /usr/local/bin/copper-hooks
COPY --chown=65534:65534 image-data/ /var/lib/
ENV COPPER_HOOKS_DATA_DIR=/var/lib/copper-hooks
ENV COPPER_HOOKS_JOURNAL=/var/lib/copper-hooks/relay.jsonl
VOLUME /var/lib/copper-hooks
USER 65534:65534
EXPOSE 8787
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/copper-hooks", "listen", "--bind", "0.0.0.0", "--allow-remote", "--port", "8787"]

FROM alpine:3.20 AS shell
RUN apk add --no-cache curl jq
ARG TARGETARCH
COPY bin/${TARGETARCH}/copper-hooks /usr/local/bin/copper-hooks
COPY --chown=65534:65534 image-data/ /var/lib/
ENV COPPER_HOOKS_DATA_DIR=/var/lib/copper-hooks
USER 65534:65534
ENTRYPOINT []
CMD ["copper-hooks", "--help"]
