using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Jupyter;

/// <summary>
/// A Jupyter message (messaging protocol 5.3): routing identities, header, parent header, metadata and content.
/// </summary>
public sealed class Message
{
    /// <summary>The protocol version this project speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>ROUTER identities the reply must carry back (empty on iopub).</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    /// <summary>msg_id, session, username, date, msg_type, version.</summary>
    public required JsonObject Header { get; init; }

    /// <summary>The header of the request this message answers, or an empty object.</summary>
    public JsonObject ParentHeader { get; init; } = new();

    /// <summary>Message metadata.</summary>
    public JsonObject Metadata { get; init; } = new();

    /// <summary>Message content.</summary>
    public JsonObject Content { get; init; } = new();

    /// <summary>header.msg_type.</summary>
    public string Type => (string?)Header["msg_type"] ?? "";

    /// <summary>header.msg_id.</summary>
    public string Id => (string?)Header["msg_id"] ?? "";

    /// <summary>A new message of <paramref name="type"/> answering <paramref name="parent"/> (or none).</summary>
    public static Message Create(string type, JsonObject content, Message? parent, string session, IReadOnlyList<byte[]>? identities = null) => new()
    {
        Header = NewHeader(type, session),
        ParentHeader = parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(),
        Content = content,
        Identities = identities ?? [],
    };

    /// <summary>An iopub <c>status</c> message (<paramref name="state"/>: starting, busy or idle) about <paramref name="parent"/>.</summary>
    public static Message Status(string state, Message? parent, string session) =>
        Create("status", new JsonObject { ["execution_state"] = state }, parent, session);

    /// <summary>header.msg_id of the request this message answers, or null.</summary>
    public string? ParentId => (string?)ParentHeader["msg_id"];

    /// <summary>A fresh header.</summary>
    public static JsonObject NewHeader(string type, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "coursenotes",
        ["date"] = Timestamp.Of(DateTimeOffset.UtcNow),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };
}
