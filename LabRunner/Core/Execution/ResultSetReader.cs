using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// Streams a result set: keeps the first rows, counts and hashes all of them (SHA-256 over every cell), so that a
/// million-row SELECT costs the kept rows' memory only.
/// </summary>
internal static class ResultSetReader
{
    // psql right-aligns exactly these types (print.c column_type_alignment): int2/4/8, float4/8, numeric, oid, xid, xid8, cid, money.
    private static readonly HashSet<uint> RightAlignedTypes = [21, 23, 20, 700, 701, 1700, 26, 28, 5069, 29, 790];

    public static async Task<ResultSet> ReadAsync(NpgsqlDataReader reader, int maxKeptRows, CancellationToken ct)
    {
        var n = reader.FieldCount;
        var columns = new ResultColumn[n];
        for (var i = 0; i < n; i++)
            columns[i] = new ResultColumn(reader.GetName(i), reader.GetDataTypeName(i), RightAlignedTypes.Contains(reader.GetDataTypeOID(i)));

        var kept = new List<IReadOnlyList<string?>>();
        long count = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256];
        var header = new byte[5];
        while (await reader.ReadAsync(ct))
        {
            var row = new string?[n];
            for (var i = 0; i < n; i++)
            {
                if (reader.IsDBNull(i))
                {
                    header[0] = 0;
                    hash.AppendData(header, 0, 1);
                    continue;
                }
                var value = reader.GetString(i);
                row[i] = value;
                var bytes = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (bytes > buffer.Length) buffer = new byte[Math.Max(bytes, buffer.Length * 2)];
                var len = Encoding.UTF8.GetBytes(value, buffer);
                header[0] = 1;
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(1), len);
                hash.AppendData(header);
                hash.AppendData(buffer, 0, len);
            }
            header[0] = 2; // row end
            hash.AppendData(header, 0, 1);
            if (kept.Count < maxKeptRows) kept.Add(row);
            count++;
        }
        return new ResultSet(columns, kept, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
