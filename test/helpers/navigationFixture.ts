/** The multi-site document of the navigation tests (unit and LSP). */

/** Three sites (quoted and plain codes, a flow-style collection), two packages with a program `Install` each. */
export const MULTI = `version: 1
sites:
  - code: CEN
    server: CENSRV01
    smsVersion: "2.0 SP2"
  - code: "NYC"
    server: NYCSRV01
    smsVersion: "2.0 SP2"
    parent: CEN
  - code: 'LON'
    server: LONSRV01
    smsVersion: "2.0 SP1"
    parent: 'CEN'
collections:
  - id: NYC00001
    name: New York desktops
    site: NYC
    clients: 300
    installed: 2001-01-10T08:00
  - { id: LON00001, name: London desktops, site: "LON", clients: 200, installed: 2001-01-10T08:00 }
  - id: CEN00001
    name: Head office
    site: CEN
    clients: 50
    installed: 2001-01-10T08:00
packages:
  - id: CEN00010
    name: Office
    programs:
      - name: Install
        estimatedRunMinutes: 45
      - name: "Uninstall"
        estimatedRunMinutes: 10
  - id: CEN00011
    name: Antivirus
    programs:
      - name: Install
        estimatedRunMinutes: 5
advertisements:
  - id: NYC20001
    name: Office to New York
    package: CEN00010
    program: Install
    collection: NYC00001
    presentTime: 2001-03-01T00:00
    assignments:
      - at: 2001-03-01T00:30
  - id: LON20001
    name: Antivirus to London
    package: "CEN00011"
    program: Install
    collection: LON00001
    presentTime: 2001-03-01T00:00
  - id: CEN20001
    name: Office removal at head office
    package: CEN00010
    program: 'Uninstall'
    collection: CEN00001
    presentTime: 2001-03-01T00:00
`;
