package io.concierge.notifications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP server that answers every {@code RCPT TO} with the reply it was given ("550
 * 5.1.1 No such user"), the way a receiving server refuses a recipient.
 */
final class RefusingSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final String refusal;

	RefusingSmtpServer(String refusal) throws IOException {
		this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.refusal = refusal;
		Thread.ofVirtual().start(this::serve);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept();
					BufferedReader in = new BufferedReader(
							new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
					PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
				reply(out, "220 refusing.example ESMTP");
				String line;
				while ((line = in.readLine()) != null) {
					String command = line.toUpperCase(java.util.Locale.ROOT);
					if (command.startsWith("EHLO") || command.startsWith("HELO")) {
						reply(out, "250 refusing.example");
					}
					else if (command.startsWith("RCPT")) {
						reply(out, this.refusal);
					}
					else if (command.startsWith("QUIT")) {
						reply(out, "221 bye");
						break;
					}
					else {
						reply(out, "250 OK");
					}
				}
			}
			catch (IOException ex) {
				// closed, or the client went away: wait for the next one
			}
		}
	}

	private static void reply(PrintWriter out, String line) {
		out.print(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
