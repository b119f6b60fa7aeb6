using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LabRunner.Execution;

/// <summary>The rows hash of a <see cref="Psql.ResultSet"/> (SHA-256 over every cell, NULL distinct from ''), for rows in memory.</summary>
public static class RowHash
{
    /// <summary>The hash the executor computes, for rows already in memory (expectations, tests).</summary>
    public static string Of(IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[5];
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                if (cell is null) { header[0] = 0; hash.AppendData(header[..1]); continue; }
                var bytes = Encoding.UTF8.GetBytes(cell);
                header[0] = 1;
                BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
                hash.AppendData(header);
                hash.AppendData(bytes);
            }
            header[0] = 2;
            hash.AppendData(header[..1]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
