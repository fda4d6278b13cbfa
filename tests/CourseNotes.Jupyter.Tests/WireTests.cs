using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace CourseNotes.Jupyter.Tests;

/// <summary>The wire format: a signed message round-trips; a forged, re-keyed or replayed one is dropped.</summary>
public class WireTests : IDisposable
{
    private readonly PairSocket _sender = new();
    private readonly PairSocket _receiver = new();

    public WireTests()
    {
        string address = $"inproc://wire-{Guid.NewGuid():N}";
        _receiver.Bind(address);
        _sender.Connect(address);
    }

    private static Message Request() => Message.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, null, "session");

    private Message? Receive(Wire wire) =>
        wire.TryReceive(_receiver, TimeSpan.FromSeconds(5), out var message) ? message : throw new TimeoutException("nothing arrived");

    [Fact]
    public void A_signed_message_round_trips()
    {
        var request = Request();
        new Wire("key").Send(_sender, request);
        var received = Receive(new Wire("key"));
        Assert.NotNull(received);
        Assert.Equal(request.Id, received.Id);
        Assert.Equal("execute_request", received.Type);
        Assert.Equal("1 + 1", (string?)received.Content["code"]);
        Assert.Equal(Message.ProtocolVersion, (string?)received.Header["version"]);
    }

    [Fact]
    public void A_message_signed_with_another_key_is_dropped()
    {
        new Wire("other key").Send(_sender, Request());
        var wire = new Wire("key");
        Assert.Null(Receive(wire));
        Assert.Equal(1, wire.Dropped);
    }

    [Fact]
    public void A_tampered_frame_is_dropped()
    {
        // Sign one message, then send its signature with another content.
        var capture = new PairSocket();
        string address = $"inproc://capture-{Guid.NewGuid():N}";
        capture.Bind(address);
        using (var writer = new PairSocket())
        {
            writer.Connect(address);
            new Wire("key").Send(writer, Request());
            var frames = capture.ReceiveMultipartMessage().Select(f => f.ToByteArray()).ToList();
            frames[^1] = "{\"code\":\"rm -rf\"}"u8.ToArray();
            var forged = new NetMQMessage();
            foreach (byte[] frame in frames) forged.Append(frame);
            _sender.SendMultipartMessage(forged);
        }
        capture.Dispose();
        Assert.Null(Receive(new Wire("key")));
    }

    [Fact]
    public void A_replayed_message_is_dropped_as_ipykernel_does()
    {
        var request = Request();
        var wire = new Wire("key");
        new Wire("key").Send(_sender, request);
        new Wire("key").Send(_sender, request); // the same bytes, signature included
        Assert.NotNull(Receive(wire));
        Assert.Null(Receive(wire));
        Assert.Equal(1, wire.Dropped);
    }

    [Fact]
    public void A_status_message_names_its_parent()
    {
        var request = Request();
        var idle = Message.Status("idle", request, "session");
        Assert.Equal("status", idle.Type);
        Assert.Equal("idle", (string?)idle.Content["execution_state"]);
        Assert.Equal(request.Id, idle.ParentId);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }
}
