using System.Buffers.Binary;
using System.Text;

namespace LabRunner.Execution;

/// <summary>A GNU gettext .mo file read into msgid → msgstr (singular forms; UTF-8, as Debian's PostgreSQL catalogues are).</summary>
internal static class MoCatalogue
{
    public static Dictionary<string, string> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 28) throw new InvalidDataException($"{path}: not a .mo file");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var little = magic == 0x950412de;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(bytes) != 0x950412de) throw new InvalidDataException($"{path}: not a .mo file");
        int Int(int at) => (int)(little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)));
        string Text(int table, int i)
        {
            var length = Int(table + i * 8);
            var offset = Int(table + i * 8 + 4);
            if (offset < 0 || length < 0 || offset + length > bytes.Length) throw new InvalidDataException($"{path}: bad string table");
            return Encoding.UTF8.GetString(bytes, offset, length);
        }
        var count = Int(8);
        var originals = Int(12);
        var translations = Int(16);
        var messages = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = Text(originals, i);
            if (id.Length == 0 || id.Contains('\u0004', StringComparison.Ordinal)) continue; // the header, and messages with a context
            messages[id.Split('\0')[0]] = Text(translations, i).Split('\0')[0];
        }
        return messages;
    }
}
