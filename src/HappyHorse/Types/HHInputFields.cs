using System;
using System.Collections;
using System.Collections.Specialized;

namespace HappyHorse
{
    /// <summary>
    /// The fields a job sent, by their API names, in order: a dictionary to read ($job.Input.prompt)
    /// that shows as the JSON body it came from, so Export-Csv writes a column a person (and
    /// Import-Csv | Wait-HHJob) can read instead of the type's name.
    /// </summary>
    public sealed class HHInputFields : OrderedDictionary
    {
        private readonly string _json;

        internal HHInputFields(string? json) : base(StringComparer.OrdinalIgnoreCase)
        {
            _json = string.IsNullOrWhiteSpace(json) ? "{}" : json!.Trim();
            foreach (DictionaryEntry field in Input.BodyFields.Read(_json)) Add(field.Key, field.Value);
        }

        /// <summary>The body as sent, compact JSON.</summary>
        public override string ToString() => _json;
    }
}
