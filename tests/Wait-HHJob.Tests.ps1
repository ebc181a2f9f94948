<?xml version="1.0" encoding="utf-8" standalone="no"?>
<testsuites xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="junit_schema_4.xsd" name="Pester" tests="9" errors="0" failures="0" disabled="0" time="19.056">
  <testsuite name="/work/wt-console/tests/Save-HHVideo.Tests.ps1" tests="9" errors="0" failures="0" hostname="vm" id="0" skipped="0" disabled="0" package="/work/wt-console/tests/Save-HHVideo.Tests.ps1" time="19.056">
    <properties>
      <property name="junit-version" value="4" />
      <property name="user" value="root" />
      <property name="os-version" value="6.18.44-fc-v1045" />
      <property name="machine-name" value="vm" />
      <property name="user-domain" value="" />
      <property name="platform" value="Linux" />
      <property name="framework-version" value="5.7.1" />
      <property name="clr-version" value="10.0.12" />
      <property name="cwd" value="/work/wt-console" />
    </properties>
    <testcase name="Save-HHVideo.saves one video per row with a sidecar, and never sends the token to the output host" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="3.604" />
    <testcase name="Save-HHVideo.names files from -FileName tokens, CSV columns and formats" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.177" />
    <testcase name="Save-HHVideo.skips a complete file, and downloads it again with -Force" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.307" />
    <testcase name="Save-HHVideo.waits for jobs piped straight in and records each file in the journal" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.319" />
    <testcase name="Save-HHVideo.saves nothing with -WhatIf" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.221" />
    <testcase name="Save-HHVideo.stops on an unknown -FileName token and names the known ones" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.388" />
    <testcase name="Save-HHVideo.reports a failed job as HappyHorse.JobFailed and saves nothing for it" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="2.564" />
    <testcase name="Save-HHVideo.writes each file as Get-Item does, so it shows as a file with its size at 80 columns" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.606" />
    <testcase name="Save-HHVideo.writes each file as Get-Item does, so it shows as a file with its size at 120 columns" status="Passed" classname="/work/wt-console/tests/Save-HHVideo.Tests.ps1" assertions="0" time="1.174" />
  </testsuite>
</testsuites>