using System.Buffers;
using System.Text;

namespace LabRunner.Labs;

/// <summary>
/// A lab file's text, read strictly as UTF-8: an invalid byte is an error at its line and column (a silent U+FFFD would
/// change a command or an expected value without anyone noticing). The text comes back either way, with U+FFFD in
/// place of each bad byte, so that the file's other problems are reported too.
/// </summary>
public static class LabFileText
{
    private const int MaxReported = 20;

    public static async Task<(string Text, IReadOnlyList<Diagnostic> Problems)> ReadAsync(string path, CancellationToken ct = default) =>
        Decode(await File.ReadAllBytesAsync(path, ct), path);

    public static (string Text, IReadOnlyList<Diagnostic> Problems) Read(string path) => Decode(File.ReadAllBytes(path), path);

    public static (string Text, IReadOnlyList<Diagnostic> Problems) Decode(byte[] bytes, string path)
    {
        var problems = new List<Diagnostic>();
        ReadOnlySpan<byte> all = bytes;
        if (all.StartsWith("\uFEFF"u8)) all = all[3..];
        var rest = all;
        int line = 1, lineStart = 0, offset = 0, lastLine = 0;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out var rune, out var consumed);
            if (status == OperationStatus.InvalidData || status == OperationStatus.NeedMoreData)
            {
                if (line != lastLine && problems.Count < MaxReported)
                {
                    var column = Encoding.UTF8.GetCharCount(all[lineStart..offset]) + 1;
                    problems.Add(new Diagnostic(new SourceLocation(path, line, column), Severity.Error,
                        $"invalid UTF-8: byte 0x{rest[0]:X2} is not part of any character",
                        "save the file as UTF-8 (an editor's \"reopen with encoding\" shows the intended text, e.g. from Latin-1)"));
                    lastLine = line;
                }
            }
            else if (rune.Value == '\n')
            {
                line++;
                lineStart = offset + consumed;
            }
            offset += consumed;
            rest = rest[consumed..];
        }
        return (Encoding.UTF8.GetString(all), problems);
    }
}
