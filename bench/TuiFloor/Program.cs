using Terminal.Gui.App;
using Terminal.Gui.Views;

// The whole app: a window with one label, until a key is pressed.
using IApplication app = Application.Create();
app.Init();
using var window = new Window { Title = "floor" };
window.Add(new Label { X = 1, Y = 1, Text = "Terminal.Gui floor: PostgreSQL" });
app.Keyboard.KeyDown += (_, _) => app.RequestStop();
app.Run(window);
