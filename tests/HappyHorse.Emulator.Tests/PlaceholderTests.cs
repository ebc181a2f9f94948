using Xunit;
namespace HappyHorse.Emulator.Tests;
public class PlaceholderTests { [Fact] public void Builds() => Assert.True(typeof(PlaceholderTests).Assembly != null); }
