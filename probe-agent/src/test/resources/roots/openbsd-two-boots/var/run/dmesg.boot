OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024
    builder@build.example.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
real mem = 4278050816 (4079MB)
avail mem = 4128718848 (3937MB)
random: good seed from bootblocks
mpath0 at root
scsibus0 at mpath0: 256 targets
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.8 @ 0xf58c0 (9 entries)
bios0: vendor SeaBIOS version "1.16.2-debian-1.16.2-1" date 04/01/2014
bios0: QEMU Standard PC (Q35 + ICH9, 2009)
acpi0 at bios0: ACPI 3.0
acpi0: sleep states S5
cpu0 at mainbus0: apid 0 (boot processor)
cpu0: AMD EPYC Processor, 2495.31 MHz, 17-31-00
cpu0: 64KB 64b/line 2-way D-cache, 64KB 64b/line 2-way I-cache, 512KB 64b/line 16-way L2 cache
cpu1 at mainbus0: apid 1 (application processor)
ioapic0 at mainbus0: apid 0 pa 0xfec00000, version 11, 24 pins
pvbus0 at mainbus0: KVM
pvclock0 at pvbus0
pci0 at mainbus0 bus 0
pchb0 at pci0 dev 0 function 0 "Intel 82G33 Host" rev 0x00
virtio0 at pci0 dev 2 function 0 "Qumranet Virtio Network" rev 0x01: Virtio 1.0 Device
vio0 at virtio0: 1 queue, address 52:54:00:6a:10:2e
virtio0: msix per-VQ
syncing disks... done
rebooting...
OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024
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
