package io.hatchet;

import io.hatchet.internal.ClientTls;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a self-signed certificate made at run time, for tests of TLS: written to
 * {@code cert.pem} and {@code key.pem} (PKCS#8, unencrypted) in a directory of the test's. No
 * certificate is kept in the repository, so none can expire or leak.
 */
public final class SelfSigned {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path certificateFile;
  private final Path keyFile;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final String certificatePem;

  private SelfSigned(Path certificateFile, Path keyFile, X509Certificate certificate,
      PrivateKey privateKey, String certificatePem) {
    this.certificateFile = certificateFile;
    this.keyFile = keyFile;
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.certificatePem = certificatePem;
  }

  /**
   * An EC P-256 key and a certificate for {@code localhost} and {@code 127.0.0.1}, valid from an
   * hour ago for a day, in {@code dir/cert.pem} and {@code dir/key.pem}.
   */
  public static SelfSigned create(Path dir) {
    return create(dir, "EC", "localhost", "127.0.0.1");
  }

  /**
   * A key of {@code keyAlgorithm} ("EC" for P-256, "RSA" for 2048 bits) and a certificate for
   * {@code names}, host names or IP addresses, the first also its common name.
   */
  public static SelfSigned create(Path dir, String keyAlgorithm, String... names) {
    try {
      KeyPair pair = keyPair(keyAlgorithm);
      X509Certificate certificate = certificate(pair, keyAlgorithm, names);
      String certificatePem = pem("CERTIFICATE", certificate.getEncoded());
      Files.createDirectories(dir);
      Path certificateFile = Files.writeString(dir.resolve("cert.pem"), certificatePem);
      Path keyFile = Files.writeString(dir.resolve("key.pem"),
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())); // the JDK encodes PKCS#8
      return new SelfSigned(certificateFile, keyFile, certificate, pair.getPrivate(),
          certificatePem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a self-signed certificate", e);
    }
  }

  /** The certificate in PEM, for a client to trust. */
  public String certificatePem() {
    return certificatePem;
  }

  public Path certificateFile() {
    return certificateFile;
  }

  public Path keyFile() {
    return keyFile;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A TLS context that trusts this certificate only, for clients of a test's own. */
  public ClientTls trust() {
    return ClientTls.trusting(List.of(certificate));
  }

  /**
   * The key in the traditional form OpenSSL wrote before PKCS#8: {@code BEGIN RSA PRIVATE KEY}
   * (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC 1).
   */
  public String traditionalKeyPem() {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(privateKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    } else {
      generator.initialize(2048, RANDOM);
    }
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(KeyPair pair, String algorithm, String... names)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X500Name subject = new X500Name("CN=" + names[0]);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
        new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        subject, pair.getPublic());
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      boolean address = name.matches("[0-9.]+") || name.contains(":");
      alternatives.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName,
          name));
    }
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(alternatives.toArray(GeneralName[]::new)));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
