using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace LabRunner.Tests.Tui;

public class LabPickerTests
{
    [Fact]
    public void The_picker_lists_labs_and_Enter_chooses_the_selected_one()
    {
        using var app = Application.Create(new VirtualTimeProvider());
        app.Init();
        app.Driver!.SetScreenSize(100, 20);
        using var picker = new LabPicker([new LabChoice("respaldo-autovacuum", "Respaldo con API de bajo nivel"), new LabChoice("indices", "Índices")], Catalogue.English);
        var token = app.Begin(picker);
        app.LayoutAndDraw(true);
        var screen = app.Driver.ToString();
        Assert.Contains("respaldo-autovacuum", screen);
        Assert.Contains("Índices", screen);
        app.InjectKey(Key.CursorDown);
        app.InjectKey(Key.Enter);
        app.TimedEvents!.RunTimers();
        Assert.Equal("indices", picker.Chosen?.Id);
        app.End(token!);
    }
}
