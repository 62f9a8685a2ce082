' export-sms-site.vbs - writes an SMS site export for `sms-schedule import` (SPEC §9.1,
' format sms-schedule-export, formatVersion 1; JSON Schema: schemas/sms-export.schema.json).
'
' Run it on an SMS 2.0 site server (or any machine that reaches its SMS Provider) with an
' account that may read the site's objects:
'
'   cscript //nologo export-sms-site.vbs [/server:SITESERVER] [/site:CODE] [/out:FILE]
'
' It reads SMS_Site, SMS_Collection, SMS_Package, SMS_Program and SMS_Advertisement through WMI
' and writes their provider property names unchanged. It only reads: nothing in SMS is changed.
Option Explicit

Dim named, server, siteCode, outPath
Set named = WScript.Arguments.Named
server = "." : If named.Exists("server") Then server = named("server")
siteCode = "" : If named.Exists("site") Then siteCode = UCase(named("site"))
outPath = "sms-site.export.json" : If named.Exists("out") Then outPath = named("out")

Dim locator, provider, loc, providerMachine
Set locator = CreateObject("WbemScripting.SWbemLocator")
On Error Resume Next
' SMS_ProviderLocation (root\SMS) names the machine and site of the SMS Provider.
Set provider = locator.ConnectServer(server, "root\SMS")
Fail "cannot connect to root\SMS on " & server
providerMachine = ""
For Each loc In provider.InstancesOf("SMS_ProviderLocation")
  If (siteCode = "" And loc.ProviderForLocalSite) Or loc.SiteCode = siteCode Then
    siteCode = loc.SiteCode : providerMachine = loc.Machine
  End If
Next
Fail "cannot read SMS_ProviderLocation on " & server
If providerMachine = "" Then WScript.Echo "export-sms-site: no SMS Provider found for site '" & siteCode & "' on " & server : WScript.Quit 1
Dim sms : Set sms = locator.ConnectServer(providerMachine, "root\SMS\site_" & siteCode)
Fail "cannot connect to root\SMS\site_" & siteCode & " on " & providerMachine
On Error GoTo 0

Dim parts(4)
parts(0) = "  ""sites"": [" & Items("SELECT * FROM SMS_Site", Array("SiteCode", "SiteName", "ServerName", "ReportingSiteCode", "BuildNumber"), "") & "]"
parts(1) = "  ""collections"": [" & Items("SELECT * FROM SMS_Collection", Array("CollectionID", "Name", "MemberClassName"), "collection") & "]"
parts(2) = "  ""packages"": [" & Items("SELECT * FROM SMS_Package", Array("PackageID", "Name"), "") & "]"
parts(3) = "  ""programs"": [" & Items("SELECT * FROM SMS_Program", Array("PackageID", "ProgramName", "Duration"), "") & "]"
parts(4) = "  ""advertisements"": [" & Items("SELECT AdvertisementID FROM SMS_Advertisement", Array( _
  "AdvertisementID", "AdvertisementName", "PackageID", "ProgramName", "CollectionID", "PresentTime", "PresentTimeIsGMT", _
  "ExpirationTime", "ExpirationTimeEnabled", "ExpirationTimeIsGMT", "AdvertFlags", "AssignedScheduleEnabled", _
  "AssignedScheduleIsGMT", "AssignedSchedule"), "advertisement") & "]"

Dim file : Set file = CreateObject("Scripting.FileSystemObject").CreateTextFile(outPath, True, False)
file.Write "{" & vbLf & "  ""format"": ""sms-schedule-export""," & vbLf & "  ""formatVersion"": 1," & vbLf & _
  "  ""exportedAt"": " & JsonString(DmtfNow()) & "," & vbLf & Join(parts, "," & vbLf) & vbLf & "}" & vbLf
file.Close
WScript.Echo "export-sms-site: wrote " & outPath & " (site " & siteCode & ")"

Sub Fail(what)
  If Err.Number <> 0 Then WScript.Echo "export-sms-site: " & what & ": " & Err.Description : WScript.Quit 1
End Sub

' One JSON object per instance of a query, with the named properties (missing ones as null).
Function Items(query, names, kind)
  Dim result, instance, obj, text
  result = ""
  For Each instance In sms.ExecQuery(query)
    Set obj = instance
    ' Lazy properties (AssignedSchedule...) are filled only by a per-instance Get().
    If kind = "advertisement" Then Set obj = sms.Get("SMS_Advertisement.AdvertisementID='" & instance.AdvertisementID & "'")
    text = Props(obj, names)
    If kind = "collection" Then text = text & ", ""MemberCount"": " & MemberCount(obj.MemberClassName)
    If result <> "" Then result = result & ","
    result = result & vbLf & "    {" & text & "}"
  Next
  If result <> "" Then result = result & vbLf & "  "
  Items = result
End Function

Function Props(obj, names)
  Dim i, text : text = ""
  For i = 0 To UBound(names)
    If i > 0 Then text = text & ", "
    text = text & JsonString(names(i)) & ": " & Prop(obj, names(i))
  Next
  Props = text
End Function

' A property as JSON; null when this provider's class lacks it.
Function Prop(obj, name)
  Dim v
  Prop = "null"
  On Error Resume Next
  v = obj.Properties_(name).Value
  If Err.Number = 0 Then Prop = JsonValue(v)
  Err.Clear
End Function

' MemberCount is not a provider property: the instances of the collection's member class.
Function MemberCount(className)
  MemberCount = "null"
  If IsNull(className) Or className = "" Then Exit Function
  On Error Resume Next
  Dim n : n = sms.ExecQuery("SELECT ResourceID FROM " & className).Count
  If Err.Number = 0 Then MemberCount = CStr(n)
  On Error GoTo 0
End Function

' An embedded SMS_ST_* schedule object with __CLASS and all its own properties.
Function ScheduleObject(obj)
  Dim p, text : text = """__CLASS"": " & JsonString(obj.SystemProperties_("__CLASS").Value)
  For Each p In obj.Properties_
    text = text & ", " & JsonString(p.Name) & ": " & JsonValue(p.Value)
  Next
  ScheduleObject = "{" & text & "}"
End Function

Function JsonValue(v)
  Dim i, text
  If IsNull(v) Or IsEmpty(v) Then
    JsonValue = "null"
  ElseIf IsArray(v) Then
    text = ""
    For i = LBound(v) To UBound(v)
      If i > LBound(v) Then text = text & ", "
      text = text & JsonValue(v(i))
    Next
    JsonValue = "[" & text & "]"
  ElseIf IsObject(v) Then
    JsonValue = ScheduleObject(v)
  ElseIf VarType(v) = vbBoolean Then
    If v Then JsonValue = "true" Else JsonValue = "false"
  ElseIf VarType(v) = vbString Then
    JsonValue = JsonString(v)
  Else
    ' WMI hands uint32 values over as signed Longs; bring the high bit back.
    If v < 0 Then v = CDbl(v) + 4294967296#
    JsonValue = CStr(v)
  End If
End Function

' A JSON string of ASCII only: anything else is written as \uXXXX, so the file is valid UTF-8.
Function JsonString(s)
  Dim i, c, code, text : text = ""
  For i = 1 To Len(s)
    c = Mid(s, i, 1) : code = AscW(c) And &HFFFF&
    If c = """" Or c = "\" Then
      text = text & "\" & c
    ElseIf code < 32 Or code > 126 Then
      text = text & "\u" & Right("000" & Hex(code), 4)
    Else
      text = text & c
    End If
  Next
  JsonString = """" & text & """"
End Function

' Now as a DMTF datetime; the offset is written as unknown (+***), which the importer ignores.
Function DmtfNow()
  Dim t : t = Now
  DmtfNow = Year(t) & Two(Month(t)) & Two(Day(t)) & Two(Hour(t)) & Two(Minute(t)) & Two(Second(t)) & ".000000+***"
End Function

Function Two(n)
  Two = Right("0" & n, 2)
End Function
