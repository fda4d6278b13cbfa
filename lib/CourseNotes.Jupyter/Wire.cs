using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;

namespace CourseNotes.Jupyter;

/// <summary>
/// The Jupyter wire format over ZeroMQ: <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content]</c>,
/// the signature being HMAC-SHA256 (keyed by the connection file) of the four JSON frames as sent.
/// A message whose signature does not verify is dropped, and so is one whose valid signature was already
/// seen (a replay: the same bytes sent again), as ipykernel does with its digest history of the last
/// <see cref="DigestHistorySize"/> signatures.
/// </summary>
public sealed class Wire(string key)
{
    /// <summary>How many recent signatures are remembered to drop replays (ipykernel's default).</summary>
    public const int DigestHistorySize = 1 << 16;

    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();

    /// <summary>Messages dropped so far because their signature was wrong or already seen.</summary>
    public int Dropped => _dropped;

    private int _dropped;

    /// <summary>Sends <paramref name="message"/> on <paramref name="socket"/>.</summary>
    public void Send(IOutgoingSocket socket, Message message)
    {
        byte[][] frames =
        [
            Encoding.UTF8.GetBytes(message.Header.ToJsonString()),
            Encoding.UTF8.GetBytes(message.ParentHeader.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Metadata.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Content.ToJsonString()),
        ];
        var multipart = new NetMQMessage();
        foreach (byte[] identity in message.Identities) multipart.Append(identity);
        multipart.Append(Delimiter);
        multipart.Append(Sign(frames));
        foreach (byte[] frame in frames) multipart.Append(frame);
        socket.SendMultipartMessage(multipart);
    }

    /// <summary>Receives one message; null when its signature does not verify (the message is dropped).</summary>
    public Message? Receive(IReceivingSocket socket)
    {
        var frames = socket.ReceiveMultipartMessage().Select(f => f.ToByteArray()).ToList();
        return Decode(frames);
    }

    /// <summary>Receives one message if one arrives within <paramref name="timeout"/>.</summary>
    public bool TryReceive(IReceivingSocket socket, TimeSpan timeout, out Message? message)
    {
        message = null;
        var multipart = new NetMQMessage();
        if (!socket.TryReceiveMultipartMessage(timeout, ref multipart)) return false;
        message = Decode(multipart.Select(f => f.ToByteArray()).ToList());
        return true;
    }

    private Message? Decode(List<byte[]> frames)
    {
        int delimiter = frames.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        if (delimiter < 0 || frames.Count < delimiter + 6) return null;
        var json = frames.Skip(delimiter + 2).Take(4).ToArray();
        string signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        if (_key.Length > 0 && (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(json))) || !FirstSeen(signature)))
        {
            Interlocked.Increment(ref _dropped);
            return null;
        }
        return new Message
        {
            Identities = frames.Take(delimiter).ToArray(),
            Header = Parse(json[0]),
            ParentHeader = Parse(json[1]),
            Metadata = Parse(json[2]),
            Content = Parse(json[3]),
        };
    }

    /// <summary>Records a valid signature; false when it was already seen (a replayed message).</summary>
    private bool FirstSeen(string signature)
    {
        lock (_seen)
        {
            if (!_seen.Add(signature)) return false;
            _seenOrder.Enqueue(signature);
            if (_seenOrder.Count > DigestHistorySize) _seen.Remove(_seenOrder.Dequeue());
            return true;
        }
    }

    private string Sign(byte[][] frames)
    {
        if (_key.Length == 0) return "";
        using var hmac = new HMACSHA256(_key);
        foreach (byte[] frame in frames) hmac.TransformBlock(frame, 0, frame.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    private static JsonObject Parse(byte[] frame) => JsonNode.Parse(frame) as JsonObject ?? new JsonObject();
}
