using System.Text;

namespace LabRunner.Cli;

/// <summary>
/// stdout and stderr as LabRunner writes them: whole lines, with every known secret (<see cref="Secrets"/>) masked.
/// Lines are held until their end so that a password written in two pieces is still recognised.
/// </summary>
internal sealed class ScrubbingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            if (!Secrets.Any && _pending.Length == 0)
            {
                inner.Write(value);
                return;
            }
            _pending.Append(value);
            var text = _pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0) return;
            // Taken from the pending text before it is written: a write that fails (a terminal gone) is not tried again on Dispose.
            _pending.Clear().Append(text, end + 1, text.Length - end - 1);
            inner.Write(Secrets.Scrub(text[..(end + 1)]));
        }
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void WriteLine() => Write(NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0) inner.Write(Secrets.Scrub(_pending.ToString()));
            _pending.Clear();
            inner.Flush();
        }
    }

    // TextWriter's own async methods hop to the thread pool; these keep the order of writes.
    public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }
    public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }
    public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
    public override Task WriteLineAsync() { WriteLine(); return Task.CompletedTask; }
    public override Task FlushAsync() { Flush(); return Task.CompletedTask; }
    public override Task FlushAsync(CancellationToken cancellationToken) { Flush(); return Task.CompletedTask; }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
