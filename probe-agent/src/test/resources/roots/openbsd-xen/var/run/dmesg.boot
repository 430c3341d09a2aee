OpenBSD 7.4 (GENERIC.MP) #2: Fri Oct 13 09:41:05 UTC 2023
    builder@build.example.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
real mem = 1056870400 (1007MB)
avail mem = 1005334528 (958MB)
random: good seed from bootblocks
mpath0 at root
scsibus0 at mpath0: 256 targets
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.4 @ 0xfc0e0 (11 entries)
bios0: vendor Xen version "4.17.3" date 11/08/2023
bios0: Xen HVM domU
acpi0 at bios0: ACPI 4.0
cpu0 at mainbus0: apid 0 (boot processor)
cpu0: Intel Xeon E5-2670 v3 @ 2.30GHz, 2300.14 MHz, 06-3f-02
pvbus0 at mainbus0: Xen 4.17
xen0 at pvbus0: features 0x2705, 32 grant table frames, event channel 3
xbf0 at xen0 backend 0 channel 6: disk
scsibus1 at xbf0: 1 targets
sd0 at scsibus1 targ 0 lun 0: <Xen, phy xvda 768, 0000> SCSI3 0/direct fixed
sd0: 10240MB, 512 bytes/sector, 20971520 sectors
xnf0 at xen0 backend 0 channel 7: address 00:16:3e:5c:9a:12
pci0 at mainbus0 bus 0
pchb0 at pci0 dev 0 function 0 "Intel 82441FX" rev 0x02
xspd0 at pci0 dev 2 function 0 "XenSource Platform Device" rev 0x01
isa0 at mainbus0
com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo
root on sd0a (0f3c2b1d4e5a6978.a) swap on sd0b dump on sd0b
