package io.concierge.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the store's encryption costs a 5 MB PDF: a fresh key, encrypting it as the upload
 * does, and decrypting it as a download does.
 * {@code bench/jmh.sh DocumentCryptoBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DocumentCryptoBenchmark {

	private static final byte[] ASSOCIATED = "concierge-document:benchmark".getBytes(StandardCharsets.US_ASCII);

	private byte[] pdf;

	private StreamingAead key;

	private byte[] encrypted;

	@Setup
	public void setUp() throws GeneralSecurityException, IOException {
		StreamingAeadConfig.register();
		this.pdf = new byte[5 * 1024 * 1024];
		new Random(42).nextBytes(this.pdf);
		this.key = KeyEncryptionKeys.documentKey().getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
		this.encrypted = encrypt(this.key, this.pdf);
	}

	@Benchmark
	public byte[] encryptWithAFreshKey() throws GeneralSecurityException, IOException {
		KeysetHandle fresh = KeyEncryptionKeys.documentKey();
		return encrypt(fresh.getPrimitive(RegistryConfiguration.get(), StreamingAead.class), this.pdf);
	}

	@Benchmark
	public long decrypt() throws GeneralSecurityException, IOException {
		try (InputStream in = this.key.newDecryptingStream(new ByteArrayInputStream(this.encrypted), ASSOCIATED)) {
			return in.transferTo(OutputStream.nullOutputStream());
		}
	}

	private static byte[] encrypt(StreamingAead key, byte[] content) throws GeneralSecurityException, IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64 * 1024);
		try (OutputStream encrypting = key.newEncryptingStream(out, ASSOCIATED)) {
			encrypting.write(content);
		}
		return out.toByteArray();
	}

}
