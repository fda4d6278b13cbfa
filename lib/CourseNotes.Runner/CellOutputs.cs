using System.Text.Json.Nodes;
using CourseNotes.Jupyter;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// Builds a code cell's stored outputs from the kernel's iopub messages, in the layout VS Code's
/// Polyglot extension saves: consecutive stream writes merged, the trailing value stored as
/// display_data, a live display (update_display_data) stored in its final state.
/// Stream text beyond <c>maxStreamCharacters</c> is cut, with a note saying how much.
/// </summary>
public sealed class CellOutputs(JsonArray outputs, Dictionary<string, List<JsonObject>> displays, long maxStreamCharacters)
{
    private long _streamCharacters;
    private long _omitted;
    private long _noted;
    private bool _completed;
    private JsonObject? _openStream;
    private readonly System.Text.StringBuilder _openText = new();

    /// <summary>Adds one iopub message of the running cell.</summary>
    public void Add(Message message)
    {
        var content = message.Content;
        if (message.Type != "stream") CloseStream();
        switch (message.Type)
        {
            case "stream":
                AddStream((string?)content["name"] ?? "stdout", (string?)content["text"] ?? "");
                break;
            case "display_data" or "execute_result":
                var display = DisplayData(content);
                outputs.Add(display);
                if ((string?)content["transient"]?["display_id"] is { } id)
                {
                    if (!displays.TryGetValue(id, out var shown)) displays[id] = shown = [];
                    shown.Add(display);
                }
                break;
            case "update_display_data":
                if ((string?)content["transient"]?["display_id"] is { } updated && displays.TryGetValue(updated, out var targets))
                    foreach (var target in targets)
                    {
                        target["data"] = Data(content["data"] as JsonObject);
                        target["metadata"] = content["metadata"]?.DeepClone() ?? new JsonObject();
                    }
                break;
            case "error":
                outputs.Add(Error((string?)content["ename"] ?? "", (string?)content["evalue"] ?? "",
                    (content["traceback"] as JsonArray)?.Select(t => (string?)t ?? "") ?? []));
                break;
            case "clear_output":
                outputs.Clear();
                _openStream = null;
                _openText.Clear();
                break;
        }
    }

    /// <summary>Adds an error output written by the runner itself (timeout, dead kernel).</summary>
    public void AddError(string name, string value)
    {
        CloseStream();
        outputs.Add(Error(name, value, [$"{name}: {value}"]));
    }

    /// <summary>
    /// Closes the cell: notes how much stream text was cut, if any. Called again after late outputs (a
    /// background thread's) were added, it notes only what was cut since.
    /// </summary>
    public void Complete()
    {
        if (_omitted > _noted) AddStream("stderr", $"\n[… sortie tronquée : {_omitted - _noted} caractères omis]\n", force: true);
        _noted = _omitted;
        CloseStream();
        _completed = true;
    }

    private void AddStream(string name, string text, bool force = false)
    {
        if (!force)
        {
            long room = maxStreamCharacters - _streamCharacters;
            if (room <= 0) { _omitted += text.Length; return; }
            if (text.Length > room) { _omitted += text.Length - room; text = text[..(int)room]; }
            _streamCharacters += text.Length;
        }
        // Consecutive writes to one stream accumulate here and become one output when another output comes;
        // a late write (a background thread's, after the cell ended) continues the cell's last output when it is that stream.
        if (_openStream is null && _completed && outputs.Count > 0 && outputs[^1] is JsonObject previous
            && (string?)previous["output_type"] == "stream" && (string?)previous["name"] == name)
        {
            _openStream = previous;
            _openText.Append(NotebookText.Join(previous["text"]));
        }
        if (_openStream is null || (string?)_openStream["name"] != name)
        {
            CloseStream();
            _openStream = new JsonObject { ["name"] = name, ["output_type"] = "stream", ["text"] = new JsonArray() };
            outputs.Add(_openStream);
        }
        _openText.Append(text);
    }

    private void CloseStream()
    {
        if (_openStream is null) return;
        _openStream["text"] = NotebookText.Split(_openText.ToString());
        _openStream = null;
        _openText.Clear();
    }

    private static JsonObject DisplayData(JsonObject content) => new()
    {
        ["data"] = Data(content["data"] as JsonObject),
        ["metadata"] = content["metadata"]?.DeepClone() ?? new JsonObject(),
        ["output_type"] = "display_data",
    };

    /// <summary>MIME data as VS Code stores it: JSON types as JSON, text types as a list holding the whole text.</summary>
    private static JsonObject Data(JsonObject? data)
    {
        var stored = new JsonObject();
        foreach (var (mime, value) in data ?? [])
            stored[mime] = MimeType.IsJson(mime) || value is not JsonValue ? value?.DeepClone() : new JsonArray((string?)value ?? "");
        return stored;
    }


    private static JsonObject Error(string name, string value, IEnumerable<string> traceback) => new()
    {
        ["ename"] = name,
        ["evalue"] = value,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)t).ToArray()),
    };
}
