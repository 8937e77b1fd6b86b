using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// A booking request's body has arrived, all of it, before the request takes its turn in the booking line
/// (<see cref="BookingLine"/>, docs/adr/0045): the line, the database pool and the handler serve only requests ready to
/// run, and a client that sends its body slowly holds nothing but its own connection. The body may take at most
/// <see cref="RateLimitOptions.BookingBodyTimeout"/> to arrive (then 408 <c>request.body_timeout</c>, and the
/// connection is closed) and be at most <see cref="RateLimitOptions.BookingBodyBytes"/> long (then 413
/// <c>request.too_large</c>).
/// <para>
/// A body with a declared length stays where the server received it: it is examined, not consumed, and the handler
/// then reads that same buffer, with no copy and no second pass. A chunked body cannot wait unconsumed (the server's
/// chunk decoder holds one buffer at a time), so it is copied once into a pooled buffer that becomes the request's
/// body.
/// </para>
/// </summary>
public sealed class BodyBeforeLine(RequestDelegate next, IOptions<RateLimitOptions> options, TimeProvider time)
{
    public const string TimeoutCode = "request.body_timeout";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!BookingLine.Applies(http))
        {
            await next(http);
            return;
        }

        var settings = options.Value;
        var limit = Math.Max(1, settings.BookingBodyBytes);
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.ContentLength == 0)
        {
            await next(http);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit; // the server refuses a chunked body that grows past it (413)
        }

        var reader = request.BodyReader;
        var deadline = new Deadline(reader);
        bool arrived;
        using (time.CreateTimer(static d => ((Deadline)d!).Expire(), deadline, settings.BookingBodyTimeout, Timeout.InfiniteTimeSpan))
        {
            try
            {
                if (request.ContentLength is null && HttpProtocol.IsHttp11(request.Protocol))
                {
                    var copy = await CopyAsync(reader, limit, deadline);
                    if (copy is not null)
                    {
                        http.Response.RegisterForDispose(copy);
                        request.Body = copy.Stream();
                    }

                    arrived = copy is not null;
                }
                else
                {
                    arrived = await ExamineAsync(reader, deadline);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
            {
                arrived = false; // the server's own minimum data rate (Kestrel's MinRequestBodyDataRate)
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
            {
                return; // the client went away: nobody to answer
            }
        }

        if (!arrived || !deadline.TryFinish())
        {
            await TimedOutAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>Waits until the whole body is in the server's buffer, consuming nothing; false when the deadline passed.</summary>
    private static async Task<bool> ExamineAsync(PipeReader reader, Deadline deadline)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            if (read.IsCanceled && deadline.Expired)
            {
                return false;
            }

            if (read.IsCompleted)
            {
                return true;
            }
        }
    }

    /// <summary>Reads a body of unknown length into one pooled buffer; null when the deadline passed first.</summary>
    private static async Task<PooledBody?> CopyAsync(PipeReader reader, int limit, Deadline deadline)
    {
        var body = new PooledBody(Math.Min(limit, 4096));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync();
                body.Append(read.Buffer, limit);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCanceled && deadline.Expired)
                {
                    body.Dispose();
                    return null;
                }

                if (read.IsCompleted)
                {
                    return body;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static async Task TimedOutAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status408RequestTimeout;
        // Not kept alive: the server reads what is left of the body for a few seconds at most, then closes.
        http.Response.Headers.Connection = "close";
        if (ApiPaths.IsApi(http))
        {
            await Results.Problem(
                    detail: "The request took too long to arrive. Please try again.",
                    statusCode: StatusCodes.Status408RequestTimeout,
                    extensions: new Dictionary<string, object?> { ["code"] = TimeoutCode })
                .ExecuteAsync(http);
        }

        else
        {
            // Pages: no body, so the status-code pages show the page for 408; it must not wait for the rest of the form.
            http.Request.Form = FormCollection.Empty;
        }
    }

    /// <summary>
    /// The body's deadline: when it passes before the body is complete, the pending read is cancelled. Decided once,
    /// either way, so a body completing just as the deadline passes is either read or refused, never both.
    /// </summary>
    private sealed class Deadline(PipeReader reader)
    {
        private const int Reading = 0, Finished = 1, Passed = 2;
        private int _state;

        public bool Expired => Volatile.Read(ref _state) == Passed;

        public void Expire()
        {
            if (Interlocked.CompareExchange(ref _state, Passed, Reading) == Reading)
            {
                reader.CancelPendingRead();
            }
        }

        public bool TryFinish() => Interlocked.CompareExchange(ref _state, Finished, Reading) == Reading;
    }

    /// <summary>A chunked body, copied into a buffer from the shared pool, returned when the response is done.</summary>
    private sealed class PooledBody(int capacity) : IDisposable
    {
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        private int _length;

        public void Append(ReadOnlySequence<byte> data, int limit)
        {
            var needed = _length + data.Length;
            if (needed > _buffer!.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Max(needed, Math.Min(limit, 2L * _buffer.Length)));
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            data.CopyTo(_buffer.AsSpan(_length));
            _length = (int)needed;
        }

        public MemoryStream Stream() => new MemoryStream(_buffer!, 0, _length, writable: false);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
