package dev.berth.format;

import dev.berth.domain.Digest;
import dev.berth.domain.RawBytes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON documents for parser tests; {@code {x}} with x a hex digit stands for {@code sha256:xxxx…} (64 × x). */
final class Fixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([0-9a-f])\\}");

    private Fixtures() {}

    static String json(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.replaceAll(r -> Matcher.quoteReplacement(sha(r.group(1).charAt(0)).toString()));
    }

    static RawBytes raw(String template) {
        return RawBytes.utf8(json(template));
    }

    static Digest sha(char hexDigit) {
        return Digest.parse("sha256:" + String.valueOf(hexDigit).repeat(64));
    }

    /** The OCI empty descriptor's blob: {@code {}}. */
    static final Digest EMPTY_JSON = Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

    static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": "{c}",
                "size": 1469
              },
              "layers": [
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "{1}",
                  "size": 3623807
                },
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "{2}",
                  "size": 1024,
                  "annotations": {"org.opencontainers.image.title": "app.tar.gz"}
                }
              ],
              "annotations": {"org.opencontainers.image.created": "2024-05-01T12:00:00Z"}
            }
            """;

    static final String DOCKER_MANIFEST = """
            {
               "schemaVersion": 2,
               "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
               "config": {
                  "mediaType": "application/vnd.docker.container.image.v1+json",
                  "size": 7023,
                  "digest": "{c}"
               },
               "layers": [
                  {
                     "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                     "size": 32654,
                     "digest": "{1}"
                  },
                  {
                     "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                     "size": 16724,
                     "digest": "{2}",
                     "urls": ["https://mcr.microsoft.com/v2/windows/servercore/blobs/{2}"]
                  }
               ]
            }
            """;

    /** What {@code docker buildx build --platform linux/amd64,linux/arm64} pushes, plus a Windows entry. */
    static final String OCI_INDEX = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "{a}",
                  "size": 1234,
                  "platform": {"architecture": "amd64", "os": "linux"}
                },
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "{b}",
                  "size": 1235,
                  "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}
                },
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "{e}",
                  "size": 1236,
                  "platform": {"architecture": "amd64", "os": "windows", "os.version": "10.0.17763.1879"}
                },
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "{d}",
                  "size": 566,
                  "annotations": {
                    "vnd.docker.reference.digest": "{a}",
                    "vnd.docker.reference.type": "attestation-manifest"
                  },
                  "platform": {"architecture": "unknown", "os": "unknown"}
                }
              ],
              "annotations": {"org.opencontainers.image.created": "2024-05-01T12:00:00Z"}
            }
            """;

    static final String DOCKER_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7143,
                  "digest": "{a}",
                  "platform": {"architecture": "ppc64le", "os": "linux"}
                },
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7682,
                  "digest": "{b}",
                  "platform": {"architecture": "arm", "os": "linux", "variant": "v7", "features": ["sse4"]}
                }
              ]
            }
            """;

    /** An OCI 1.1 artifact (an SBOM) attached to {a}. */
    static final String ARTIFACT = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "artifactType": "application/spdx+json",
              "config": {
                "mediaType": "application/vnd.oci.empty.v1+json",
                "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                "size": 2,
                "data": "e30="
              },
              "layers": [
                {"mediaType": "application/spdx+json", "digest": "{f}", "size": 5120}
              ],
              "subject": {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": "{a}",
                "size": 1234
              },
              "annotations": {"org.opencontainers.image.created": "2024-05-02T08:00:00Z"}
            }
            """;

    static final String SCHEMA1_SIGNED = """
            {
               "schemaVersion": 1,
               "name": "library/hello-world",
               "tag": "latest",
               "architecture": "amd64",
               "fsLayers": [
                  {"blobSum": "{a}"},
                  {"blobSum": "{b}"}
               ],
               "history": [
                  {"v1Compatibility": "{\\"id\\":\\"e45a5af57b00862e5ef5782a9925979a02ba2b12dff832fd0991335f4a11e5c5\\"}"}
               ],
               "signatures": [
                  {
                     "header": {
                        "jwk": {"crv": "P-256", "kid": "OD6I:6DRK:JXEJ", "kty": "EC", "x": "3gAw", "y": "t72S"},
                        "alg": "ES256"
                     },
                     "signature": "XREm0L8WNn27Ga_iE_vRnTxVMhhYY0Zst_FfkKopg6gWSoTOZTuW4rK0fg_IqnKkEKlbD83tD46LKEGi5aIVFg",
                     "protected": "eyJmb3JtYXRMZW5ndGgiOjY2MjgsImZvcm1hdFRhaWwiOiJDbjAiLCJ0aW1lIjoiMjAxNS0wNC0wOFQxODo1Mjo1OVoifQ"
                  }
               ]
            }
            """;

    static final String SCHEMA1_UNSIGNED = """
            {
               "schemaVersion": 1,
               "name": "team/app",
               "tag": "v1",
               "architecture": "amd64",
               "fsLayers": [{"blobSum": "{a}"}],
               "history": [{"v1Compatibility": "{}"}]
            }
            """;
}
