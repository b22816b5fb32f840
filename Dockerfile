# syntax=docker/dockerfile:1
# School Zone: one static binary on a distroless base, running as non-root,
# with the SQLite database on a volume.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# modernc.org/sqlite is pure Go, so the binary needs no C library at all.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/schoolzone ./cmd/schoolzone \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/schoolzone /schoolzone
# The volume starts from this directory, so it belongs to the non-root user
# (65532 in distroless) and the app can create the database in it.
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot
VOLUME /data
ENV SCHOOLZONE_DB=/data/schoolzone.db
EXPOSE 8080
ENTRYPOINT ["/schoolzone"]
CMD ["serve", "--addr", ":8080"]
