OpenBSD 7.6 (GENERIC.MP) #3: Tue Oct  8 21:03:17 UTC 2024
    builder@build.example.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
real mem = 2130550784 (2031MB)
avail mem = 2046488576 (1951MB)
random: good seed from bootblocks
mpath0 at root
scsibus0 at mpath0: 256 targets
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.8 @ 0xf5a20 (10 entries)
bios0: vendor SeaBIOS version "rel-1.16.3-0-g5b1a2e3-prebuilt.qemu.org" date 04/01/2014
bios0: QEMU Standard PC (i440FX + PIIX, 1996)
acpi0 at bios0: ACPI 1.0
cpu0 at mainbus0: apid 0 (boot processor)
cpu0: Intel Xeon Processor (Icelake), 2893.12 MHz, 06-6a-06
ioapic0 at mainbus0: apid 0 pa 0xfec00000, version 11, 24 pins
pvbus0 at mainbus0: KVM, Hyper-V 6.1
pvclock0 at pvbus0
hyperv0 at pvbus0: not functional
pci0 at mainbus0 bus 0
pchb0 at pci0 dev 0 function 0 "Intel 82441FX" rev 0x02
virtio0 at pci0 dev 3 function 0 "Qumranet Virtio Network" rev 0x00
vio0 at virtio0: address 52:54:00:c4:7e:01
virtio0: msix shared
isa0 at mainbus0
com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo
root on wd0a (91d2cc0e5f3a4a77.a) swap on wd0b dump on wd0b
