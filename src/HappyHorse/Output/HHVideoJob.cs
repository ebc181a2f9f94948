using System;
using System.Collections.Specialized;
using System.Management.Automation;

namespace HappyHorse
{
    /// <summary>A submitted job: what New-HHVideoJob writes and Wait-HHJob reads.</summary>
    public sealed class HHVideoJob
    {
        public string RequestId { get; internal set; } = "";
        public string Model { get; internal set; } = "";
        public DateTimeOffset SubmittedAt { get; internal set; }

        /// <summary>The row number in the pipeline that made this job, counting from 1.</summary>
        public int Index { get; internal set; }

        public string? StatusUrl { get; internal set; }
        public string? ResultUrl { get; internal set; }
        public string? CancelUrl { get; internal set; }

        /// <summary>The API base the job lives on; Wait-HHJob and friends bind it by property name.</summary>
        public string BaseUri { get; internal set; } = "";

        /// <summary>The fields sent, by their API names, exactly as in the request body.</summary>
        public OrderedDictionary Input { get; internal set; } = new OrderedDictionary();

        /// <summary>The pipeline object (e.g. the CSV row) the job was made from, extra columns included.</summary>
        public PSObject? InputObject { get; internal set; }

        /// <summary>The journal that recorded this job, if any: Wait-HHJob and Save-HHVideo record into it too.</summary>
        public string? JournalPath { get; internal set; }

        /// <summary>True when the job came from the journal of an earlier run instead of a new submit.</summary>
        public bool Resumed { get; internal set; }

        /// <summary>
        /// The token the job was submitted with, so `New-HHVideoJob -Token t | Wait-HHJob` works.
        /// A field, not a property: formatting, ConvertTo-Json and Export-Clixml never see it.
        /// </summary>
        internal Api.ApiCredential? Credential;

        public override string ToString() => RequestId;
    }
}
