namespace LabRunner.Tui;

/// <summary>
/// `labrunner` with a lab named runs that lab; without one, the picker: each lab opened from it goes back to the picker
/// when the student quits it (Ctrl+Q), until the student leaves the picker.
/// </summary>
public static class PickerLoop
{
    public static async Task<int> RunAsync(string? named, Func<CancellationToken, Task<string?>> pick,
        Func<string, CancellationToken, Task<int>> runLab, CancellationToken ct)
    {
        if (named is not null) return await runLab(named, ct);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (await pick(ct) is not { } chosen) return 0;
            var code = await runLab(chosen, ct);
            if (code != 0) return code;
        }
    }
}
