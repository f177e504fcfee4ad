using System.Buffers;

namespace Sessions.WebFrontend.Endpoints;

internal static class RequestBody
{
    /// <summary>
    /// Reads the whole body into an array of its exact size, or returns null as soon as it proves longer than
    /// <paramref name="limit"/> bytes. With a <c>Content-Length</c> the body is read straight into that array.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        return request.ContentLength is { } length
            ? await ReadKnownLengthAsync(request.Body, (int)length, cancellationToken)
            : await ReadUnknownLengthAsync(request.Body, limit, cancellationToken);
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
