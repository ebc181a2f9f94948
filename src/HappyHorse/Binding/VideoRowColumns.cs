using System;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>
    /// The one list of a video row's per-slot image columns: the parameter ImageUrlN binds the CSV
    /// column image_url_N (its alias, the API field's name) for N = 1 … 9. PowerShell reads parameters
    /// from attributed properties, so each cmdlet that takes the columns (New-HHVideoJob,
    /// Test-HHReferenceImage) still declares them itself; a test holds those declarations to this list.
    /// </summary>
    internal static class VideoRowColumns
    {
        /// <summary>ImageUrl1 … ImageUrl9, in slot order (index 0 is slot 1).</summary>
        public static readonly string[] ImageParameters = Names();

        /// <summary>The parameter that binds slot <paramref name="slot"/> (1-based).</summary>
        public static string ImageParameter(int slot) => "ImageUrl" + slot;

        /// <summary>The CSV column (and alias) of slot <paramref name="slot"/>: image_url_N, the API field.</summary>
        public static string ImageColumn(int slot) => InputSchema.ImageField(slot);

        private static string[] Names()
        {
            var names = new string[InputSchema.MaxImages];
            for (int slot = 1; slot <= names.Length; slot++) names[slot - 1] = ImageParameter(slot);
            return names;
        }
    }
}
