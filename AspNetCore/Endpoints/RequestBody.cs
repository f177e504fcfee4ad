using System.Buffers;

namespace Sessions.AspNetCore;

public static class RequestBody
{
    /// <summary>
    /// Reads the whole body into an array of its exact size, or returns null as soon as it proves longer than
    /// <paramref name="limit"/> bytes. With a <c>Content-Length</c> the body is read straight into that array.
    /// </summary>
    /// <exception cref="BadHttpRequestException">
    /// The body could not be read: malformed framing (e.g. a bad chunk-size line) or a client that went away. It is
    /// the client's doing, so it answers 400, never 500.
    /// </exception>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        try
        {
            return request.ContentLength is { } length
                ? await ReadKnownLengthAsync(request.Body, (int)length, cancellationToken)
                : await ReadUnknownLengthAsync(request.Body, limit, cancellationToken);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException)
        {
            throw new BadHttpRequestException($"The request body could not be read: {exception.Message}", exception);
        }
    }

    private static async Task<byte[]> ReadKnownLengthAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await body.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken);
        return read == length ? buffer : buffer[..read];
    }

    private static async Task<byte[]?> ReadUnknownLengthAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
