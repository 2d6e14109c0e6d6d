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

# The data folder (quota memory, the sandbox): the image's user's own, mode 0700, never a
# folder under /tmp that another user of a shared runner could prepare or plant links in.
# A job may still point COPPER_HOOKS_DATA_DIR elsewhere (a cached folder).
FROM alpine:3.20 AS data
RUN mkdir -m 0700 /data && chown 65534:65534 /data

FROM scratch AS scratch
ARG TARGETARCH
COPY bin/${TARGETARCH}/copper-hooks /usr/local/bin/copper-hooks
COPY --from=data --chown=65534:65534 /data /var/lib/copper-hooks
ENV COPPER_HOOKS_DATA_DIR=/var/lib/copper-hooks
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/copper-hooks"]

FROM alpine:3.20 AS shell
RUN apk add --no-cache curl jq
ARG TARGETARCH
COPY bin/${TARGETARCH}/copper-hooks /usr/local/bin/copper-hooks
COPY --from=data --chown=65534:65534 /data /var/lib/copper-hooks
ENV COPPER_HOOKS_DATA_DIR=/var/lib/copper-hooks
USER 65534:65534
ENTRYPOINT []
CMD ["copper-hooks", "--help"]
