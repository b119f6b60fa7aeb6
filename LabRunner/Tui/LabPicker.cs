using System.Collections.ObjectModel;
using LabRunner.Text;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tui;

/// <summary>`labrunner` without a lab: the catalog's labs in a list; Enter opens one, Ctrl+Q leaves.</summary>
public sealed class LabPicker : Window
{
    private readonly IReadOnlyList<LabChoice> _labs;
    private readonly ListView _list;

    public LabPicker(IReadOnlyList<LabChoice> labs, Catalogue text)
    {
        _labs = labs;
        Title = "LabRunner";
        var hint = new Label { Text = labs.Count == 0 ? text.NoLabs : text.PickLab, X = 1, Y = 0, Width = Dim.Fill() };
        _list = new ListView { X = 1, Y = 2, Width = Dim.Fill(1), Height = Dim.Fill(1) };
        _list.SetSource(new ObservableCollection<string>(labs.Select(l => $"{l.Id,-28} {l.Title}")));
        if (labs.Count > 0) _list.SelectedItem = 0; // Enter right away opens the first lab
        _list.Accepting += (_, e) => { e.Handled = true; Choose(); };
        Add(hint, _list);
        KeyDown += (_, key) =>
        {
            if (key == Key.Q.WithCtrl) { key.Handled = true; App?.RequestStop(); }
        };
    }

    /// <summary>The lab chosen, or null when the student left without choosing.</summary>
    public LabChoice? Chosen { get; private set; }

    private void Choose()
    {
        if (_list.SelectedItem is not int index || index < 0 || index >= _labs.Count) return;
        Chosen = _labs[index];
        App?.RequestStop();
    }
}

/// <summary>A lab in the picker: its id (what `labrunner ID` takes) and its title.</summary>
public sealed record LabChoice(string Id, string Title);
