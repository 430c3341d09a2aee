OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024
    builder@build.example.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
real mem = 4277112832 (4078MB)
avail mem = 4127744000 (3936MB)
random: good seed from bootblocks
mpath0 at root
scsibus0 at mpath0: 256 targets
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 3.1 @ 0x3ff5d000 (340 entries)
bios0: vendor Microsoft Corporation version "Hyper-V UEFI Release v4.1" date 06/05/2023
bios0: Microsoft Corporation Virtual Machine
acpi0 at bios0: ACPI 6.1
cpu0 at mainbus0: apid 0 (boot processor)
cpu0: Intel Xeon Gold 6248R CPU @ 3.00GHz, 2993.21 MHz, 06-55-07
pvbus0 at mainbus0: Hyper-V 10.0
hyperv0 at pvbus0: protocol 4.0, features 0x2e7f
hyperv0: heartbeat, kvp, shutdown, timesync
hvs0 at hyperv0 channel 2: scsi, protocol 6.2
scsibus1 at hvs0: 2 targets
sd0 at scsibus1 targ 0 lun 0: <Msft, Virtual Disk, 1.0> SCSI3 0/direct fixed
sd0: 65536MB, 512 bytes/sector, 134217728 sectors, thin
hvn0 at hyperv0 channel 14: NVS 5.0 NDIS 6.30, address 00:15:5d:0a:3c:21
pci0 at mainbus0 bus 0
efifb0 at mainbus0: 1024x768, 32bpp
wsdisplay0 at efifb0 mux 1: console (std, vt100 emulation)
root on sd0a (7b0e6a1f9c2d4e35.a) swap on sd0b dump on sd0b
